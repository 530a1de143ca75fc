import type { INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { PolledTrigger } from '../../helpers/n8n/poll';
import { admin, sandboxDay, withSandbox } from '../../helpers/sandbox';
import { completedSession, submittedClaims } from '../../helpers/sessions';
import { sandboxCredential, setFaults, stats } from './fixtures';

// The trigger's record events (patients, ERAs, notes, claims) polled by n8n-core's
// PollContext against the sandbox, with real changes made through the sandbox's admin API.

jest.setTimeout(180_000);

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox));
});
afterEach(async () => {
	await setFaults(sandbox, []);
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const trigger = (parameters: INodeParameters) => new PolledTrigger(n8n.credentialsHelper, parameters, credential);
const act = (action: string, body: Record<string, unknown>) => admin(sandbox, 'POST', `act/${action}`, body);
const store = () => sandbox.state.store;
/** Drafts whose signature completes them (progress notes of clinicians who need no co-signature); one is made when the seed has none. */
async function unsupervisedDrafts() {
	const supervised = new Set(store().users.filter((u) => u.supervisorId !== null).map((u) => u.id));
	const drafts = () => [...store().notes.values()].filter((n) => n.status === 'draft' && n.noteType === 4 && !supervised.has(n.clinicianId)).sort((a, b) => a.id - b.id);
	if (drafts().length === 0) await completedSession(sandbox, { signed: false });
	return drafts();
}

/** One kind of record event: its parameters, the handler it polls, and one real change with the record id it should report. */
interface Kind {
	event: string;
	handler: string;
	idField: string;
	parameters?: INodeParameters;
	change: () => Promise<number>;
}

const KINDS: Kind[] = [
	{ event: 'patientCreated', handler: 'patients/list', idField: 'patientId', change: async () => (await act('patient-create', {})).id },
	{
		event: 'eraReceived',
		handler: 'eras/search',
		idField: 'eraId',
		change: async () => {
			const [claim] = await submittedClaims(sandbox, 1);
			await act('claims-adjudicate', { claimIds: [claim], outcome: 'accept' });
			return (await act('era-post', { claimIds: [claim] })).eras[0].id;
		},
	},
	{
		event: 'noteSigned',
		handler: 'notes/list',
		idField: 'noteId',
		change: async () => {
			const [note] = await unsupervisedDrafts();
			await act('note-sign', { noteId: note.id });
			return note.id;
		},
	},
	{
		event: 'claimStatusChanged',
		handler: 'claims/search',
		idField: 'claimId',
		parameters: { claimStatuses: ['accepted'] },
		change: async () => {
			const [claim] = await submittedClaims(sandbox, 1);
			await act('claims-adjudicate', { claimIds: [claim], outcome: 'accept' });
			return claim;
		},
	},
];

describe.each(KINDS)('trigger: $event, exactly once', (kind) => {
	const polled = () => trigger({ event: kind.event, ...kind.parameters });

	test('the first poll is a baseline; one change gives one event, with the key manual mode showed, and not again', async () => {
		const t = polled();
		expect(await t.poll()).toBeNull();
		const id = await kind.change();
		const preview = await t.poll('manual');
		const items = await t.poll();
		expect(items?.map((item) => item.json[kind.idField])).toEqual([id]);
		expect(items![0].json).toMatchObject({ event: kind.event });
		expect(items![0].json.idempotencyKey).toMatch(/^tn-[0-9a-f]{40}$/);
		expect(preview![0].json.eventId).toBe(items![0].json.eventId);
		expect(await t.poll()).toBeNull();
	});

	test('a restart between polls emits no duplicate, and a change after it is caught', async () => {
		const t = polled();
		await t.poll();
		await kind.change();
		expect(await t.poll()).toHaveLength(1);
		t.restart();
		expect(await t.poll()).toBeNull();
		const second = await kind.change();
		expect((await t.poll())?.map((item) => item.json[kind.idField])).toEqual([second]);
	});

	test('a failing poll emits nothing and loses nothing', async () => {
		const t = polled();
		await t.poll();
		const before = t.savedStaticData();
		const id = await kind.change();
		await setFaults(sandbox, [{ handler: kind.handler, fault: '5xx' }]);
		await expect(t.poll()).rejects.toThrow(/HTTP 500/);
		expect(t.savedStaticData()).toEqual(before);
		await setFaults(sandbox, []);
		expect((await t.poll())?.map((item) => item.json[kind.idField])).toEqual([id]);
	});

	test('dropped answers: a poll whose list answers are all cut fails and loses nothing; one cut answer is retried; each change once', async () => {
		const t = polled();
		await t.poll();
		const before = t.savedStaticData();
		const id = await kind.change();
		await setFaults(sandbox, [{ handler: kind.handler, fault: 'drop' }]);
		await expect(t.poll()).rejects.toThrow(/Could not reach TherapyNotes/);
		expect(t.savedStaticData()).toEqual(before);
		await setFaults(sandbox, []);
		expect((await t.poll())?.map((item) => item.json[kind.idField])).toEqual([id]);
		const next = await kind.change();
		await setFaults(sandbox, [{ handler: kind.handler, fault: 'drop', count: 1 }]);
		expect((await t.poll())?.map((item) => item.json[kind.idField])).toEqual([next]);
		expect(await t.poll()).toBeNull();
	});

	// Exactly which pages an idle poll reads is unit-tested with a set clock (recentScan.test.ts); here
	// the clock is real: one page, and the next while the first page's last key may still be current.
	test('an idle poll makes one or two portal requests; manual mode returns one sample and leaves the state alone', async () => {
		const t = polled();
		await t.poll();
		const before = (await stats(sandbox)).totalRequests;
		expect(await t.poll()).toBeNull();
		const requests = (await stats(sandbox)).totalRequests - before;
		expect(requests).toBeGreaterThanOrEqual(1);
		expect(requests).toBeLessThanOrEqual(kind.event === 'patientCreated' ? 1 : 2);
		const state = t.savedStaticData();
		const sample = await t.poll('manual');
		expect(sample).toHaveLength(1);
		expect(sample![0].json).toMatchObject({ event: kind.event });
		expect(sample![0].json).not.toHaveProperty('patientName');
		expect(sample![0].json).not.toHaveProperty('lastName');
		expect(t.savedStaticData()).toEqual(state);
	});
});

/** A progress note drafted by the clinician whose notes a supervisor must co-sign. */
async function supervisedDraft() {
	const supervised = store().users.find((u) => u.supervisorId !== null)!;
	const patientId = [...store().patients.values()][0].id;
	const appointment = await act('appointment-create', { patientId, clinicianId: supervised.id, start: `${sandboxDay(sandbox, -6)}T10:00` });
	await act('appointment-status', { appointmentId: appointment.id, status: 1 });
	const note = await act('note-create', { appointmentId: appointment.id });
	return { id: Number(note.id), clinicianId: supervised.id };
}

describe('trigger: event details', () => {
	test('Note Signed fires when the supervisor co-signs, not when the supervised clinician signs', async () => {
		const t = trigger({ event: 'noteSigned' });
		await t.poll();
		const note = await supervisedDraft();
		expect((await act('note-sign', { noteId: note.id })).status).toBe('awaiting-supervisor');
		expect(await t.poll()).toBeNull();
		await act('note-cosign', { noteId: note.id });
		const items = await t.poll();
		expect(items?.map((item) => [item.json.noteId, item.json.coSigned, item.json.signerId])).toEqual([[note.id, true, note.clinicianId]]);
		expect(await t.poll()).toBeNull();
	});

	test('Claim Status Changed honours its filter and reports the previous status; 23 changes in one poll page past the first page', async () => {
		const t = trigger({ event: 'claimStatusChanged', claimStatuses: ['paid', 'pendingResubmit'] });
		await t.poll();
		const [first, ...rest] = await submittedClaims(sandbox, 24);
		await act('claims-adjudicate', { claimIds: [first], outcome: 'accept' });
		expect(await t.poll()).toBeNull();
		await act('claims-adjudicate', { claimIds: [first], outcome: 'pay' });
		const paid = await t.poll();
		expect(paid?.map((item) => [item.json.claimId, item.json.status, item.json.previousStatus])).toEqual([[first, 'paid', 'accepted']]);
		const rejected = rest.slice(0, 23);
		await act('claims-adjudicate', { claimIds: rejected, outcome: 'reject' });
		const items = (await t.poll()) ?? [];
		expect(items.map((item) => item.json.claimId).sort((a, b) => Number(a) - Number(b))).toEqual(rejected);
		expect(new Set(items.map((item) => item.json.status))).toEqual(new Set(['pendingResubmit']));
		expect(await t.poll()).toBeNull();
	});

	test('Claim Status Changed: the newest changed claim changes again after idle polls → one event, none for the claims under it', async () => {
		const t = trigger({ event: 'claimStatusChanged' });
		await t.poll();
		const [claim] = await submittedClaims(sandbox, 1);
		await act('claims-adjudicate', { claimIds: [claim], outcome: 'accept' });
		expect((await t.poll())?.map((item) => [item.json.claimId, item.json.status])).toEqual([[claim, 'accepted']]);
		expect(await t.poll()).toBeNull();
		expect(await t.poll()).toBeNull();
		await act('claims-adjudicate', { claimIds: [claim], outcome: 'pay' });
		expect((await t.poll())?.map((item) => [item.json.claimId, item.json.status, item.json.previousStatus])).toEqual([[claim, 'paid', 'accepted']]);
	});

	test('Claim Status Changed after 30 claims change in one minute: 30 events; idle polls read the group while that minute can be current, one page after it', async () => {
		const claims = await submittedClaims(sandbox, 31);
		const [batch, next] = [claims.slice(0, 30), claims[30]];
		const t = trigger({ event: 'claimStatusChanged' });
		await t.poll();
		await act('claims-adjudicate', { claimIds: batch, outcome: 'accept' });
		expect(((await t.poll()) ?? []).map((item) => item.json.claimId).sort((a, b) => Number(a) - Number(b))).toEqual([...batch].sort((a, b) => a - b));
		const idleRequests = async () => {
			const before = (await stats(sandbox)).totalRequests;
			expect(await t.poll()).toBeNull();
			return (await stats(sandbox)).totalRequests - before;
		};
		expect(await idleRequests()).toBeGreaterThanOrEqual(2); // all 30 compared: one may change in the same minute
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 70 });
		await act('claims-adjudicate', { claimIds: [next], outcome: 'accept' });
		expect((await t.poll())?.map((item) => item.json.claimId)).toEqual([next]);
		expect(await idleRequests()).toBe(1);
		await act('claims-adjudicate', { claimIds: [next], outcome: 'pay' });
		expect((await t.poll())?.map((item) => [item.json.claimId, item.json.status, item.json.previousStatus])).toEqual([[next, 'paid', 'accepted']]);
	});

	test('Patient Created honours the clinician filter; names only with Include Contact Details', async () => {
		const t = trigger({ event: 'patientCreated', filters: { clinicianId: 2 }, includeContactDetails: true });
		await t.poll();
		await act('patient-create', { clinicianId: 1 });
		const mine = await act('patient-create', { clinicianId: 2, firstName: 'Ada', lastName: 'Testperson' });
		const items = await t.poll();
		expect(items?.map((item) => [item.json.patientId, item.json.firstName, item.json.lastName])).toEqual([[mine.id, 'Ada', 'Testperson']]);
	});
});

// Balance Overdue has its own file: triggerBalance.test.ts.

describe('trigger: state size of every record event', () => {
	test('static data for the clinic size stays under 64 KB for each event', async () => {
		const clinic = await withSandbox({ size: 'clinic' });
		try {
			const clinicCredential = await n8n.addCredential(sandboxCredential(clinic), 'clinic');
			const sizes: Record<string, number> = {};
			for (const kind of KINDS) {
				const polled = new PolledTrigger(n8n.credentialsHelper, { event: kind.event }, clinicCredential);
				expect(await polled.poll()).toBeNull();
				sizes[kind.event] = JSON.stringify(polled.savedStaticData()).length;
			}
			for (const bytes of Object.values(sizes)) expect(bytes).toBeLessThan(64 * 1024);
			expect(Object.keys(sizes)).toHaveLength(4);
			expect(sizes.patientCreated).toBeGreaterThan(100);
		} finally {
			await clinic.close();
		}
	}, 400_000);
});
