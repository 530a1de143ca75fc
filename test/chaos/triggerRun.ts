import type { INodeParameters } from 'n8n-workflow';
import { forgetHostedSessions } from '../../lib/client';
import type { RunningSandbox } from '../../sandbox/server';
import { createN8nHarness } from '../helpers/n8n';
import { PolledTrigger } from '../helpers/n8n/poll';
import { admin, sandboxDay, withSandbox } from '../helpers/sandbox';
import { recordsOf, sandboxStats, setFaultRules, type Row } from './env';

/**
 * Item 2 of issue #9: for each kind of trigger event, real changes are made through the sandbox
 * (as a person in the UI would) before and *during* polls that meet faults on every handler,
 * including a dropped answer of the very list the trigger reads; every few polls the process
 * "restarts" (a new PolledTrigger from the saved static data, and this process's session memory
 * forgotten). Afterwards the faults stop and the trigger is polled until idle: every change must
 * have been reported exactly once.
 */
interface EventKind {
	event: string;
	handler: string;
	idField: string;
	parameters?: INodeParameters;
	/** Makes one change the trigger must report; returns the id it reports it under. */
	change: (sandbox: RunningSandbox, used: Set<number>) => Promise<number>;
}

const act = async (sandbox: RunningSandbox, action: string, body: Record<string, unknown>) => admin(sandbox, 'POST', `act/${action}`, body);

/** The first record of a kind matching `query` that this run did not use yet. */
async function unused(sandbox: RunningSandbox, kind: string, query: string, used: Set<number>, keep: (row: Row) => boolean = () => true): Promise<number> {
	const row = (await recordsOf(sandbox, kind, query)).sort((a, b) => a.id - b.id).find((r) => !used.has(r.id) && keep(r));
	if (!row) throw new Error(`no ${kind} left for ${query}`);
	used.add(row.id);
	return Number(row.id);
}

export const TRIGGER_KINDS: EventKind[] = [
	{
		event: 'appointmentStatusChanged',
		handler: 'scheduling/loadschedule',
		idField: 'appointmentId',
		change: async (sandbox, used) => {
			const id = await unused(sandbox, 'appointments', 'status=0', used, (a) => a.start >= sandboxDay(sandbox, 1) && a.start < sandboxDay(sandbox, 55));
			await act(sandbox, 'appointment-status', { appointmentId: id, status: 2 });
			return id;
		},
	},
	{ event: 'patientCreated', handler: 'patients/list', idField: 'patientId', change: async (sandbox) => Number((await act(sandbox, 'patient-create', {})).id) },
	{
		event: 'noteSigned',
		handler: 'notes/list',
		idField: 'noteId',
		change: async (sandbox) => {
			// A fresh session of the unsupervised demo clinician, its draft, then the signature.
			const patientId = (await recordsOf(sandbox, 'patients', 'limit=1'))[0].id;
			const appointment = await act(sandbox, 'appointment-create', { patientId, clinicianId: 1, start: `${sandboxDay(sandbox, -6)}T10:00` });
			await act(sandbox, 'appointment-status', { appointmentId: appointment.id, status: 1 });
			const note = await act(sandbox, 'note-create', { appointmentId: appointment.id });
			await act(sandbox, 'note-sign', { noteId: note.id });
			return Number(note.id);
		},
	},
	{
		event: 'claimStatusChanged',
		handler: 'claims/search',
		idField: 'claimId',
		change: async (sandbox, used) => {
			const claims = await recordsOf(sandbox, 'claims');
			const next = claims.sort((a, b) => a.id - b.id).find((c) => !used.has(c.id) && (c.status === 'Submitted' || c.status === 'Accepted'));
			if (!next) throw new Error('no submitted or accepted claim left');
			used.add(next.id);
			await act(sandbox, 'claims-adjudicate', { claimIds: [next.id], outcome: next.status === 'Submitted' ? 'accept' : 'pay' });
			return Number(next.id);
		},
	},
];

export interface TriggerResult {
	events: number;
	expected: number;
	missed: number;
	duplicates: number;
	polls: number;
	failedPolls: number;
	restarts: number;
	droppedListAnswers: number;
}

/** Faults of the faulty polls: latency on the list (so changes land mid-poll), and every other kind. */
const pollFaults = (handler: string, round: number) => [
	{ handler, fault: 'latency', rate: 1, latencyMs: 60 },
	...(round % 3 === 1 ? [{ handler, fault: 'drop', count: 1 }] : []),
	{ handler: '*', fault: '5xx', rate: 0.1 },
	{ handler: '*', fault: '429', rate: 0.1, retryAfterSeconds: 0 },
	{ handler: '*', fault: 'expire', rate: 0.05 },
];

/** One event kind through `rounds` faulty polls; returns what was expected and what was emitted. */
async function runKind(sandbox: RunningSandbox, kind: EventKind, rounds: number, perRound: number): Promise<TriggerResult> {
	const n8n = createN8nHarness();
	const demo = sandbox.state.demo;
	const credential = await n8n.addCredential({ environment: 'custom', baseUrl: sandbox.url, practiceCode: demo.practiceCode, username: demo.plainUsername, password: demo.password, loginMethod: 'http', requestsPerSecond: 50 });
	let trigger = new PolledTrigger(n8n.credentialsHelper, { event: kind.event, ...kind.parameters }, credential);
	await trigger.poll();
	const used = new Set<number>();
	const expected: number[] = [];
	const emittedIds: number[] = [];
	const result: TriggerResult = { events: 0, expected: 0, missed: 0, duplicates: 0, polls: 1, failedPolls: 0, restarts: 0, droppedListAnswers: 0 };
	const collect = (items: { json: Record<string, unknown> }[] | null) => {
		for (const item of items ?? []) {
			emittedIds.push(Number(item.json[kind.idField]));
		}
	};
	for (let round = 0; round < rounds; round++) {
		for (let i = 0; i < perRound; i++) expected.push(await kind.change(sandbox, used));
		await setFaultRules(sandbox, pollFaults(kind.handler, round), 100 + round);
		const polling = trigger.poll().then(collect, () => result.failedPolls++);
		expected.push(await kind.change(sandbox, used));
		await polling;
		result.polls++;
		if (round % 4 === 3) {
			trigger = new PolledTrigger(n8n.credentialsHelper, { event: kind.event, ...kind.parameters }, credential, trigger.savedStaticData());
			forgetHostedSessions();
			result.restarts++;
		}
	}
	await setFaultRules(sandbox, []);
	// Only the list rule drops answers, so every drop the sandbox counts was a lost answer of the list.
	result.droppedListAnswers = Number((await sandboxStats(sandbox)).faults.drop ?? 0);
	for (let idle = false; !idle; result.polls++) {
		const items = await trigger.poll();
		collect(items);
		idle = items === null;
	}
	const seen = new Set(emittedIds);
	result.expected = expected.length;
	result.events = emittedIds.length;
	result.missed = expected.filter((id) => !seen.has(id)).length;
	// Each record is changed once, so a record reported twice is a duplicate (whatever its eventId).
	result.duplicates = emittedIds.length - seen.size;
	return result;
}

/** Every event kind, each in its own sandbox; the counts are summed. */
export async function runTriggerChaos(rounds = 8, perRound = 3): Promise<TriggerResult & { perEvent: Record<string, TriggerResult> }> {
	const total: TriggerResult = { events: 0, expected: 0, missed: 0, duplicates: 0, polls: 0, failedPolls: 0, restarts: 0, droppedListAnswers: 0 };
	const perEvent: Record<string, TriggerResult> = {};
	for (const kind of TRIGGER_KINDS) {
		const sandbox = await withSandbox({ seed: 11 });
		try {
			perEvent[kind.event] = await runKind(sandbox, kind, rounds, perRound);
		} finally {
			await sandbox.close();
		}
		for (const key of Object.keys(total) as (keyof TriggerResult)[]) total[key] += perEvent[kind.event][key];
	}
	return { ...total, perEvent };
}
