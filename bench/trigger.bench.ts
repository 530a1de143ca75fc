import { execFileSync } from 'node:child_process';
import { startSandbox } from '../sandbox/server';
import { createStandaloneClient } from '../lib/client';
import { runBenchChild } from './child';
import { TRIGGER_EVENTS } from '../nodes/TherapyNotesTrigger/events/registry';
import type { TriggerParams } from '../nodes/TherapyNotesTrigger/events/types';

/**
 * Trigger figures at the `clinic` size (30 clinicians, a year of appointments): for each event,
 * the static data a baseline poll leaves and the portal requests of an idle poll after it (the
 * session already logged in). The maxima cover every event; Balance Overdue's figures are also
 * reported apart (its baseline reads the whole overdue list once, its idle polls read one page of
 * billing transactions, and a second request on the first poll of a day).
 */
const PARAMS: TriggerParams = { statuses: [], claimStatuses: [], clinicianId: null, types: [], includeContactDetails: false, thresholdCents: 15_000, daysOutstanding: 14, timezone: 'UTC' };

export async function runTriggerBench() {
	const sandbox = await startSandbox({ seed: 1, size: 'clinic', port: 0 });
	try {
		const demo = sandbox.state.demo;
		const client = createStandaloneClient({
			credentials: { baseUrl: sandbox.url, practiceCode: demo.practiceCode, username: demo.plainUsername, password: demo.password, loginMethod: 'http' },
			requestsPerSecond: 1000,
		});
		const perEvent: Record<string, { stateBytes: number; idleRequests: number }> = {};
		for (const [name, event] of Object.entries(TRIGGER_EVENTS)) {
			const baseline = await event.poll(client, null, PARAMS);
			const before = sandbox.state.stats.snapshot().totalRequests as number;
			await event.poll(client, baseline.next, PARAMS);
			const idleRequests = (sandbox.state.stats.snapshot().totalRequests as number) - before;
			perEvent[name] = { stateBytes: JSON.stringify({ therapyNotes: { event: name, state: baseline.next } }).length, idleRequests };
		}
		const listed = Object.values(perEvent);
		return {
			requests_per_idle_poll: Math.max(...listed.map((v) => v.idleRequests)),
			trigger_state_bytes: Math.max(...listed.map((v) => v.stateBytes)),
			balance_overdue_requests_per_poll: perEvent.balanceOverdue.idleRequests,
			balance_overdue_state_bytes: perEvent.balanceOverdue.stateBytes,
		};
	} finally {
		await sandbox.close();
	}
}

type TriggerFigures = Awaited<ReturnType<typeof runTriggerBench>>;

const DAY_MS = 86_400_000;
const moment = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/**
 * Besides now, the moments whose data differ most (the sandbox's activity follows the weekday):
 * next Saturday 10:00 UTC, when the `clinic` practice's newest claim change is Friday's weekly ERA
 * (hundreds of claims sharing one status minute; an idle poll once read 25 pages there), and next
 * Monday 00:30 UTC, minutes after the day changed.
 */
export function otherMoments(now = Date.now()): string[] {
	const midnight = Math.floor(now / DAY_MS) * DAY_MS;
	const next = (weekday: number) => midnight + (((weekday - new Date(midnight).getUTCDay() + 6) % 7) + 1) * DAY_MS;
	return [moment(next(6) + 10 * 3_600_000), moment(next(1) + 30 * 60_000)];
}

function hasFaketime(): boolean {
	try {
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- bench tooling, never part of a node
		execFileSync('faketime', ['-f', '+0', 'true'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/** The trigger bench in a child process whose clock (libfaketime) starts at `at` (UTC). */
async function runAt(at: string): Promise<TriggerFigures & { at: string }> {
	const figures = await runBenchChild<TriggerFigures>('triggerChild.ts', `trigger bench as of ${at}`, { wrapper: ['faketime', '-f', `@${at}`], env: { TZ: 'UTC' }, timeoutMs: 600_000 });
	return { ...figures, at };
}

/**
 * The trigger figures now and, where libfaketime is installed (`apt-get install faketime`), at the
 * other moments too, all at once; the headline keys are the worst of them.
 */
export async function runTriggerBenchOnDays(log: (line: string) => void) {
	const others = hasFaketime() ? otherMoments() : [];
	if (others.length === 0) log('trigger: faketime is not installed, so only now is measured (apt-get install faketime for a Saturday and a Monday too)');
	const now = moment(Date.now());
	const runs = await Promise.all([runTriggerBench().then((r) => ({ ...r, at: now })), ...others.map(runAt)]);
	const worst = (key: keyof TriggerFigures) => Math.max(...runs.map((r) => r[key]));
	return {
		requests_per_idle_poll: worst('requests_per_idle_poll'),
		trigger_state_bytes: worst('trigger_state_bytes'),
		balance_overdue_requests_per_poll: worst('balance_overdue_requests_per_poll'),
		balance_overdue_state_bytes: worst('balance_overdue_state_bytes'),
		requests_per_idle_poll_by_moment: Object.fromEntries(runs.map((r) => [`${r.at} ${new Date(`${r.at}Z`).toUTCString().slice(0, 3)}`, r.requests_per_idle_poll])),
	};
}
