import type { IDataObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../sandbox/server';
import type { Appointment } from '../../sandbox/data/types';
import { addDays } from '../../sandbox/util/dates';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../helpers/n8n';
import { PolledTrigger } from '../helpers/n8n/poll';
import { admin, withSandbox } from '../helpers/sandbox';
import { submittedClaims } from '../helpers/sessions';
import { sandboxCredential } from '../integration/node/fixtures';
import { handlersDuring, isLoginHandler, namesFor, withDrift } from './drift/handlers';

// Issue #9 item 5 for the trigger: a drifted answer fails the poll naming the handler, emits
// nothing, leaves the workflow's static data as it was, and the change is reported once the
// portal answers as before (nothing lost). The handlers come from the sandbox's counts of a clean poll.

jest.setTimeout(120_000);

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeAll(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox));
});
afterAll(async () => {
	await sandbox.close();
	shutdownN8n();
});

const act = (action: string, body: IDataObject) => admin(sandbox, 'POST', `act/${action}`, body);
const store = () => sandbox.state.store;
const today = () => sandbox.state.nowIso().slice(0, 10);
const used = new Set<number>();
/** A record not used by an earlier change of this file. */
function fresh<T extends { id: number }>(rows: T[]): T {
	const row = rows.find((r) => !used.has(r.id))!;
	used.add(row.id);
	return row;
}
const scheduledInWindow = (): Appointment[] => [...store().appointments.values()].filter((a) => a.status === 0 && a.start >= addDays(today(), 1) && a.start < addDays(today(), 50));
let minute = 0;

interface EventCase {
	parameters: INodeParameters;
	/** One real change the event must report; returns nothing to check but that some item came. */
	change(): Promise<unknown>;
}

const EVENTS: Record<string, EventCase> = {
	appointmentCreated: {
		parameters: {},
		change: () => act('appointment-create', { patientId: [...store().patients.keys()][0], clinicianId: 1, start: `${addDays(today(), 3)}T07:${String(minute++ % 60).padStart(2, '0')}` }),
	},
	appointmentUpdated: {
		parameters: {},
		change: () => {
			const appointment = fresh(scheduledInWindow());
			return act('appointment-update', { appointmentId: appointment.id, durationMinutes: appointment.durationMinutes === 30 ? 45 : 30 });
		},
	},
	appointmentStatusChanged: { parameters: {}, change: () => act('appointment-status', { appointmentId: fresh(scheduledInWindow()).id, status: 2, chargeFee: true }) },
	patientCreated: { parameters: {}, change: () => act('patient-create', {}) },
	noteSigned: {
		parameters: {},
		change: async () => {
			const made = await act('appointment-create', { patientId: [...store().patients.keys()][1], clinicianId: 1, start: `${addDays(today(), -1)}T06:${String(minute++ % 60).padStart(2, '0')}` });
			await act('appointment-status', { appointmentId: made.id, status: 1 });
			return await act('note-create', { appointmentId: made.id, sign: true });
		},
	},
	claimStatusChanged: { parameters: {}, change: async () => act('claims-adjudicate', { claimIds: (await submittedClaims(sandbox, 1)).slice(0, 1), outcome: 'accept' }) },
	eraReceived: {
		parameters: {},
		change: async () => {
			const [claim] = await submittedClaims(sandbox, 1);
			await act('claims-adjudicate', { claimIds: [claim], outcome: 'accept' });
			return await act('era-post', { claimIds: [claim] });
		},
	},
	balanceOverdue: {
		parameters: { amountThreshold: 1, daysOutstanding: 30 },
		change: async () => {
			const patient = await act('patient-create', {});
			const made = await act('appointment-create', { patientId: patient.id, start: `${addDays(today(), -45)}T08:00` });
			return await act('appointment-status', { appointmentId: made.id, status: 2, chargeFee: true });
		},
	},
};

const drifted: Record<string, string[]> = {};

describe('drift on every handler a trigger event polls', () => {
	test.each(Object.keys(EVENTS))('%s', async (event) => {
		const { parameters, change } = EVENTS[event];
		const trigger = new PolledTrigger(n8n.credentialsHelper, { event, ...parameters }, credential);
		expect(await trigger.poll()).toBeNull(); // the silent baseline
		await change();
		const clean = await handlersDuring(sandbox, () => trigger.poll());
		expect(clean.result?.length).toBeGreaterThan(0);
		const handlers = Object.keys(clean.hits).filter((h) => !isLoginHandler(h));
		expect(handlers.length).toBeGreaterThan(0);
		for (const handler of handlers) {
			await change();
			const before = trigger.savedStaticData();
			const failure = await withDrift(sandbox, handler, () => trigger.poll().then(() => null, (error: Error) => error));
			const pattern = new RegExp(`^TherapyNotes changed the answer of '(${namesFor(handler).join('|')})' \\(field .+\\)\\. Nothing was returned`);
			expect({ handler, message: failure?.message }).toEqual({ handler, message: expect.stringMatching(pattern) });
			expect(trigger.savedStaticData()).toEqual(before);
			// The portal answers as before again: the change made before the drifted poll is not lost.
			expect((await trigger.poll())?.length).toBeGreaterThan(0);
			drifted[event] = [...(drifted[event] ?? []), handler];
		}
	});

	test('summary', () => {
		const handlers = new Set(Object.values(drifted).flat());
		process.stdout.write(`DRIFT trigger events=${Object.keys(drifted).length}/${Object.keys(EVENTS).length} handlers=${[...handlers].sort().join(',')}\n`);
		expect(Object.keys(drifted).sort()).toEqual(Object.keys(EVENTS).sort());
	});
});
