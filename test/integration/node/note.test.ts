import type { IDataObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { admin, sandboxDay, withSandbox } from '../../helpers/sandbox';
import { byPairedItem, handlerHits, sandboxCredential, setFaults, stats } from './fixtures';

// The Note resource run by n8n-core's WorkflowExecute against the sandbox over real HTTP. Notes are
// written by clinicians: 'demo' (two-factor, the supervisor) and 'supervised' (supervised by demo).

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- sandbox records are free-form test data

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let demo: INodeCredentialsDetails;
let supervised: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	const who = sandbox.state.demo;
	demo = await n8n.addCredential(sandboxCredential(sandbox, { username: who.username, totpSecret: who.totpSecret }), 'Demo clinician');
	supervised = await n8n.addCredential(sandboxCredential(sandbox, { username: who.supervisedUsername }), 'Supervised clinician');
});
afterEach(async () => {
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const DEMO = 1;
const SUPERVISED = 3;
const SUMMARY_KEYS = [
	'addendaCount', 'appointmentId', 'attachmentCount', 'billable', 'clinicianId', 'createdAt', 'dateOfService', 'encryptedId', 'id', 'locked', 'noteType', 'patientId',
	'requiresSupervisorApproval', 'revision', 'serviceCode', 'signed', 'signedAt', 'signerId', 'status', 'supervisorApproved', 'supervisorApprovedAt', 'supervisorId', 'updatedAt',
];

const note = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'note', operation, ...parameters });
const byId = (noteId: number | string, parameters: INodeParameters = {}) => ({ noteId: String(noteId), ...parameters });
const patient = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });
const records = async (query: string): Promise<Row[]> => (await admin(sandbox, 'GET', `records/notes?${query}`)).rows as Row[];
const auditLength = async () => ((await admin(sandbox, 'GET', 'audit')).entries as Row[]).length;
const noteChanges = async (since: number, noteId: number) => ((await admin(sandbox, 'GET', `audit?since=${since}`)).entries as Row[]).filter((e) => e.kind === 'note' && e.id === noteId);

async function session(clinicianId = DEMO, patientId?: number, start = `${sandboxDay(sandbox, -1)}T10:00`): Promise<{ appointmentId: number; patientId: number }> {
	const patients = (await admin(sandbox, 'GET', 'records/patients')).rows as Row[];
	const chosen = patientId ?? (patients.find((p) => p.assignedClinicianIds[0] === clinicianId) ?? patients[0]).id;
	const made = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: chosen, clinicianId, start });
	await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: made.id, status: 1 });
	return { appointmentId: made.id, patientId: chosen };
}

const createParameters = (s: { appointmentId: number; patientId: number }, extra: INodeParameters = {}) =>
	note('create', {
		patientId: patient(s.patientId),
		appointmentId: String(s.appointmentId),
		noteText: { subjective: 'Synthetic subjective.', plan: 'Synthetic plan.' },
		additionalFields: { diagnoses: 'f41.1, F32.0', serviceCode: '90834' },
		...extra,
	});

/** A draft written through the node, returned as its summary item. */
async function draft(credential = demo, clinicianId = DEMO): Promise<IDataObject & { id: number }> {
	const result = await n8n.runNode({ parameters: createParameters(await session(clinicianId)), credential });
	expect(result.error).toBeUndefined();
	return result.items[0].json as IDataObject & { id: number };
}

/** Runs once so the session is open, then counts requests of the run under test. */
async function requestsDuring(run: () => Promise<unknown>) {
	const before = (await stats(sandbox)).totalRequests;
	const result = await run();
	return { result, requests: (await stats(sandbox)).totalRequests - before };
}

describe('note: get many', () => {
	test('by patient: summary rows without text or diagnoses, newest first, limit honoured', async () => {
		const [psych] = await records('noteType=8&limit=1');
		const expected = (await records(`patientId=${psych.patientId}`)).filter((n) => n.noteType !== 8);
		const all = await n8n.runNode({ parameters: note('getMany', { patientId: patient(psych.patientId), returnAll: true }), credential: demo });
		expect(all.error).toBeUndefined();
		expect(all.items.map((i) => i.json.id).sort()).toEqual(expected.map((n) => n.id).sort());
		expect(all.items.every((i) => Object.keys(i.json).sort().join() === SUMMARY_KEYS.join())).toBe(true);
		expect([...byPairedItem(all.items).keys()]).toEqual([0]);
		const limited = await n8n.runNode({ parameters: note('getMany', { patientId: patient(psych.patientId), limit: 2 }), credential: demo });
		expect(limited.items.map((i) => i.json.id)).toEqual(all.items.slice(0, 2).map((i) => i.json.id));
	});

	test('Include Psychotherapy Notes adds them for the patient; without a patient it fails before any request', async () => {
		const [psych] = await records('noteType=8&limit=1');
		const withPsych = await n8n.runNode({ parameters: note('getMany', { patientId: patient(psych.patientId), includePsychotherapy: true, returnAll: true }), credential: demo });
		expect(withPsych.items.find((i) => i.json.id === psych.id)?.json.noteType).toBe('psychotherapyNote');
		const { result, requests } = await requestsDuring(() => n8n.runNode({ parameters: note('getMany', { includePsychotherapy: true }), credential: demo }));
		expect((result as { error?: { message: string } }).error?.message).toBe("Invalid parameter 'params.patientId': is required to include psychotherapy notes");
		expect(requests).toBe(0);
	});

	test('by status Awaiting Supervisor', async () => {
		const waiting = await draft(supervised, SUPERVISED);
		await n8n.runNode({ parameters: note('sign', byId(waiting.id)), credential: supervised });
		const result = await n8n.runNode({ parameters: note('getMany', { filters: { status: 'awaitingSupervisor' }, returnAll: true }), credential: demo });
		expect(result.items.map((i) => i.json.id)).toContain(waiting.id);
		expect(result.items.every((i) => i.json.status === 'awaitingSupervisor' && i.json.locked === true)).toBe(true);
	});
});

describe('note: get', () => {
	test('Summary has ids, dates, status, revision and signer only; All Fields adds text and diagnoses', async () => {
		const [seeded] = await records('status=signed&noteType=4&clinicianId=1&limit=1');
		const summary = await n8n.runNode({ parameters: note('get', byId(seeded.id)), credential: demo });
		expect(Object.keys(summary.items[0].json).sort()).toEqual(SUMMARY_KEYS);
		expect(summary.items[0].json).toMatchObject({ id: seeded.id, status: 'signed', locked: true, signed: true, signerId: DEMO, revision: seeded.revision });
		expect(JSON.stringify(summary.items)).not.toContain(seeded.diagnoses[0]);
		const all = await n8n.runNode({ parameters: note('get', byId(seeded.encryptedId, { output: 'all' })), credential: demo });
		expect(all.items[0].json).toMatchObject({ id: seeded.id, diagnoses: seeded.diagnoses, content: { subjective: expect.any(String), plan: expect.any(String) }, addenda: [], attachments: [] });
	});

	test('a psychotherapy note is not found unless Note Type is Psychotherapy Note', async () => {
		const [psych] = await records('noteType=8&limit=1');
		const plain = await n8n.runNode({ parameters: note('get', byId(psych.id)), credential: demo });
		expect(plain.items).toEqual([]);
		expect(plain.error?.message).toBe(`Note ${psych.id} was not found as a clinical record note. Psychotherapy notes are kept apart from the record and are returned only when Note Type is 'Psychotherapy Note'.`);
		const asked = await n8n.runNode({ parameters: note('get', byId(psych.id, { noteType: 'psychotherapyNote' })), credential: demo });
		expect(asked.items[0].json).toMatchObject({ id: psych.id, noteType: 'psychotherapyNote' });
	});

	test('an unknown note fails; with Continue On Fail it becomes an error item beside the good one', async () => {
		const [seeded] = await records('noteType=4&limit=1');
		const result = await n8n.runNode({ parameters: note('get', byId('={{ $json.id }}')), credential: demo, items: [{ id: 999999 }, { id: seeded.id }], continueOnFail: true });
		expect(result.status).toBe('success');
		expect(byPairedItem(result.items).get(0)).toEqual([{ error: expect.stringContaining('Note 999999 was not found'), details: null }]);
		expect(byPairedItem(result.items).get(1)?.[0].id).toBe(seeded.id);
	});

	test('a bad note id fails naming the parameter, with nothing sent', async () => {
		const { result, requests } = await requestsDuring(() => n8n.runNode({ parameters: note('get', byId('../5001')), credential: demo }));
		expect((result as { error?: IDataObject }).error).toMatchObject({ message: "Invalid parameter 'noteId': must be a numeric note ID or an EncryptedID", description: 'Nothing was sent to TherapyNotes.' });
		expect(requests).toBe(0);
	});

	test('a portal 500 fails with the status after retries; with Continue On Fail it is an error item', async () => {
		const [seeded] = await records('noteType=4&limit=1');
		await setFaults(sandbox, [{ handler: 'notes/get', fault: '5xx' }]);
		const failed = await n8n.runNode({ parameters: note('get', byId(seeded.id)), credential: demo });
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', message: "TherapyNotes answered 'notes/get' with HTTP 500 (server error)." });
		const continued = await n8n.runNode({ parameters: note('get', byId(seeded.id)), credential: demo, continueOnFail: true });
		expect(continued.items).toEqual([{ json: { error: "TherapyNotes answered 'notes/get' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } }]);
		expect(await handlerHits(sandbox, 'notes/get')).toBe(10);
	});
});

describe('note: create and update drafts', () => {
	test('create from blank: summary out (with outcome), text and codes stored', async () => {
		const created = await draft();
		expect(created).toMatchObject({ outcome: 'created', status: 'draft', revision: 1, locked: false, serviceCode: '90834' });
		expect(created).not.toHaveProperty('diagnoses');
		expect(created).not.toHaveProperty('content');
		const [stored] = await records(`id=${created.id}`);
		expect(stored).toMatchObject({ diagnoses: ['F41.1', 'F32.0'], values: { 13000: 'Synthetic subjective.', 13003: 'Synthetic plan.' } });
	});

	test('create from a template, then from the previous note of the patient', async () => {
		const s1 = await session();
		const templated = await n8n.runNode({ parameters: createParameters(s1, { startFrom: 'template', templateId: 2, noteText: {}, output: 'all' }), credential: demo });
		expect(templated.items[0].json.content).toEqual({ subjective: 'Brief check-in.', plan: 'Follow up next week.', diagnosisText: 'F41.1, F32.0' });
		const s2 = await session(DEMO, s1.patientId, `${sandboxDay(sandbox)}T09:00`);
		const copied = await n8n.runNode({ parameters: createParameters(s2, { startFrom: 'previousNote', noteText: { plan: 'Changed plan.' }, additionalFields: {}, output: 'all' }), credential: demo });
		expect(copied.items[0].json).toMatchObject({ content: { subjective: 'Brief check-in.', plan: 'Changed plan.' }, diagnoses: ['F41.1', 'F32.0'] });
	});

	test('two items for one appointment: the second returns the existing draft, one note is stored', async () => {
		const s = await session();
		const result = await n8n.runNode({ parameters: createParameters(s), credential: demo, items: [{}, {}] });
		expect(result.items.map((i) => i.json.outcome)).toEqual(['created', 'existingDraft']);
		expect(result.items[1].json.id).toBe(result.items[0].json.id);
		expect(await records(`appointmentId=${s.appointmentId}`)).toHaveLength(1);
	});

	test('a malformed ICD-10 code fails naming the parameter (not the code), nothing sent', async () => {
		const s = await session();
		await n8n.runNode({ parameters: note('getMany', { limit: 1 }), credential: demo });
		const { result, requests } = await requestsDuring(() => n8n.runNode({ parameters: createParameters(s, { additionalFields: { diagnoses: 'F41.1, 12345' } }), credential: demo }));
		expect((result as { error?: IDataObject }).error).toMatchObject({ message: "Invalid parameter 'note.diagnoses.1': is not an ICD-10 code like F41.1", description: 'Nothing was sent to TherapyNotes.' });
		expect(requests).toBe(0);
	});

	test('update changes only the given fields of a draft', async () => {
		const created = await draft();
		const result = await n8n.runNode({ parameters: note('update', byId(created.id, { updateFields: { plan: 'New plan.' }, output: 'all' })), credential: demo });
		expect(result.items[0].json).toMatchObject({ revision: 2, diagnoses: ['F41.1', 'F32.0'], content: { subjective: 'Synthetic subjective.', plan: 'New plan.' } });
	});
});

describe('note: a locked note is never changed', () => {
	test.each([
		['signed', 'demo', DEMO],
		['awaiting supervisor', 'supervised', SUPERVISED],
	])('update and delete of a %s note fail offering the addendum; the audit shows no change and no save/delete was sent', async (_label, who, clinicianId) => {
		const credential = who === 'demo' ? demo : supervised;
		const created = await draft(credential, clinicianId);
		await n8n.runNode({ parameters: note('sign', byId(created.id)), credential });
		const since = await auditLength();
		const update = await n8n.runNode({ parameters: note('update', byId(created.id, { updateFields: { plan: 'Changed.' } })), credential });
		const remove = await n8n.runNode({ parameters: note('delete', byId(created.id)), credential, continueOnFail: true });
		expect(update.error?.message).toMatch(new RegExp(`^Note ${created.id} is (signed|awaiting supervisor approval).*cannot be edited.*'Add Addendum'`));
		expect(remove.items[0].json.error).toMatch(/cannot be deleted.*'Add Addendum'/);
		expect(await noteChanges(since, created.id)).toEqual([]);
		expect(await handlerHits(sandbox, 'notes/save')).toBe(1);
		expect(await handlerHits(sandbox, 'notes/delete')).toBe(0);
	});
});

describe('note: what n8n logs', () => {
	test('audit lines and node errors name operations and ids, never note text, codes or patient names', async () => {
		n8n.logs.clear();
		const created = await draft();
		await n8n.runNode({ parameters: note('update', byId(created.id, { updateFields: { plan: 'Private plan words.', diagnoses: 'F43.10' } })), credential: demo });
		await n8n.runNode({ parameters: note('sign', byId(created.id)), credential: demo });
		await n8n.runNode({ parameters: note('update', byId(created.id, { updateFields: { plan: 'Refused words.' } })), credential: demo });
		await n8n.runNode({ parameters: note('addAddendum', byId(created.id, { text: 'Addendum words.' })), credential: demo });
		// What we write: our audit lines and the error messages (n8n itself stores the node's parameters beside an error).
		const log = n8n.logs.lines.filter((line) => line.message.startsWith('therapynotes') || line.level === 'error').map((line) => line.message).join('\n');
		expect(log).toContain('notes/save');
		expect(log).toContain('cannot be edited');
		expect(log).toContain(String(created.id));
		const [stored] = await records(`id=${created.id}`);
		const owner = (await admin(sandbox, 'GET', `records/patients?id=${stored.patientId}`)).rows[0] as Row;
		for (const secret of ['Synthetic subjective', 'Private plan words', 'Refused words', 'Addendum words', 'F43.10', 'F41.1', owner.lastName, owner.dob]) expect(log).not.toContain(secret);
	});
});

const sandboxNote = (id: number) => sandbox.state.store.notes.get(id)!;

describe('note: signing, supervision, addenda, delete, attach', () => {
	test('sign locks; a supervised note reports awaiting supervisor until the supervisor approves', async () => {
		const own = await draft();
		const signed = await n8n.runNode({ parameters: note('sign', byId(own.id)), credential: demo });
		expect(signed.items[0].json).toEqual({ id: own.id, encryptedId: own.encryptedId, status: 'signed', revision: 2, signed: true, locked: true });
		const theirs = await draft(supervised, SUPERVISED);
		const waiting = await n8n.runNode({ parameters: note('submitForApproval', byId(theirs.id)), credential: supervised });
		expect(waiting.items[0].json).toMatchObject({ status: 'awaitingSupervisor', locked: true });
		const approved = await n8n.runNode({ parameters: note('approve', byId(theirs.id)), credential: demo });
		expect(approved.items[0].json).toMatchObject({ status: 'signed' });
		expect((await records(`id=${theirs.id}`))[0]).toMatchObject({ status: 'signed', supervisorId: DEMO, supervisorSignedAt: expect.any(String) });
	});

	test('an addendum goes on a signed note; a draft is deleted', async () => {
		const toSign = await draft();
		await n8n.runNode({ parameters: note('sign', byId(toSign.id)), credential: demo });
		const added = await n8n.runNode({ parameters: note('addAddendum', byId(toSign.id, { text: 'Later fact.' })), credential: demo });
		expect(added.items[0].json).toEqual({ noteId: toSign.id, addendumId: 1, addendaCount: 1 });
		const toDelete = await draft(demo, DEMO);
		const deleted = await n8n.runNode({ parameters: note('delete', byId(toDelete.id)), credential: demo });
		expect(deleted.items[0].json).toEqual({ id: toDelete.id, deleted: true });
		expect(await records(`id=${toDelete.id}`)).toEqual([]);
	});

	test('attach without binary data on the item fails before any request', async () => {
		const created = await draft();
		const { result, requests } = await requestsDuring(() => n8n.runNode({ parameters: note('attachFile', byId(created.id)), credential: demo }));
		expect((result as { error?: IDataObject }).error?.message).toMatch(/binary/i);
		expect(requests).toBe(0);
	});

	const fileItem = (bytes: Buffer) => [{ json: {}, binary: { data: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName: 'consent.pdf' } } }];

	test('attach a file from binary data: the portal keeps its name, size and hash', async () => {
		const created = await draft();
		const bytes = Buffer.from('%PDF-1.4 synthetic attachment');
		const result = await n8n.runNode({ parameters: note('attachFile', byId(created.id)), credential: demo, inputItems: fileItem(bytes) });
		expect(result.items[0].json).toMatchObject({ noteId: created.id, fileName: 'consent.pdf', sizeBytes: bytes.length });
		expect(sandboxNote(created.id).attachments).toEqual([expect.objectContaining({ fileName: 'consent.pdf', sizeBytes: bytes.length })]);
	});

	test('a file over 10 MB is refused before any request, naming the limit', async () => {
		const created = await draft();
		const { result, requests } = await requestsDuring(() =>
			n8n.runNode({ parameters: note('attachFile', byId(created.id)), credential: demo, inputItems: fileItem(Buffer.alloc(10 * 1024 * 1024 + 1)) }),
		);
		expect((result as { error?: IDataObject }).error?.message).toMatch(/10 MB/);
		expect(requests).toBe(0);
	});
});
