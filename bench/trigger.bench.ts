import { startSandbox } from '../sandbox/server';
import { createStandaloneClient } from '../lib/client';
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
