import { createHash } from 'node:crypto';
import type { RunningSandbox } from '../../../sandbox/server';
import { admin, sandboxDay, withSandbox } from '../../helpers/sandbox';
import { caught, credentialsFor, type Who } from '../../helpers/session';
import { createStandaloneClient, InvalidInputError, NoteLockedError, NoteNotFoundError, PortalRefusalError, TherapyNotesError, type TherapyNotesClient } from '../../../lib/client';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- sandbox records are free-form test data

let sandbox: RunningSandbox;
const clients = new Map<Who, TherapyNotesClient>();

/** One client per portal user per sandbox (the portal keeps one session per user). */
function client(who: Who = 'demo'): TherapyNotesClient {
	let made = clients.get(who);
	if (!made) {
		made = createStandaloneClient({ credentials: credentialsFor(sandbox, who), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
		clients.set(who, made);
	}
	return made;
}

beforeEach(async () => {
	sandbox = await withSandbox();
	clients.clear();
});
afterEach(() => sandbox.close());

const DEMO = 1;
const SUPERVISED = 3;
const stats = () => admin(sandbox, 'GET', 'stats');
const hits = async (handler: string) => Number((await stats()).requests[handler] ?? 0);
const records = async (query: string): Promise<Row[]> => (await admin(sandbox, 'GET', `records/notes?${query}`)).rows as Row[];
const auditLength = async () => ((await admin(sandbox, 'GET', 'audit')).entries as Row[]).length;
const noteChanges = async (since: number, noteId: number) => ((await admin(sandbox, 'GET', `audit?since=${since}`)).entries as Row[]).filter((e) => e.kind === 'note' && e.id === noteId);
const faults = (rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });

/** A completed session of the clinician, made through the admin API as the front desk would. */
async function session(clinicianId = DEMO, patientId?: number, start = `${sandboxDay(sandbox, -1)}T10:00`): Promise<{ appointmentId: number; patientId: number }> {
	const patients = (await admin(sandbox, 'GET', 'records/patients')).rows as Row[];
	const patient = patientId ?? (patients.find((p) => p.assignedClinicianIds[0] === clinicianId) ?? patients[0]).id;
	const made = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: patient, clinicianId, start });
	await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: made.id, status: 1 });
	return { appointmentId: made.id, patientId: patient };
}

async function draft(who: Who = 'demo', clinicianId = DEMO) {
	const s = await session(clinicianId);
	const note = await client(who).notes.create({ ...s, content: { subjective: 'Synthetic subjective.', plan: 'Synthetic plan.' }, diagnoses: ['f41.1'], serviceCode: '90834' });
	return { ...s, note };
}

/** Runs `action` and returns how many requests (and logins) it caused. */
async function requestsDuring(action: () => Promise<unknown>): Promise<{ requests: number; logins: number; error: unknown }> {
	const before = await stats();
	const error = await caught(action());
	const after = await stats();
	return { requests: after.totalRequests - before.totalRequests, logins: after.loginAttempts - before.loginAttempts, error };
}

describe('notes client: reading', () => {
	test('list by patient matches the records newest first, never psychotherapy notes, and limit pages through', async () => {
		const [psych] = await records('noteType=8&limit=1');
		const expected = (await records(`patientId=${psych.patientId}`)).filter((n) => n.noteType !== 8);
		const listed = await client().notes.list({ patientId: psych.patientId });
		const ids = (rows: ({ id: number } | Row)[]) => rows.map((n) => Number(n.id)).sort((a, b) => a - b);
		expect(ids(listed)).toEqual(ids(expected));
		expect(listed.every((n) => n.noteType !== 'psychotherapyNote' && n.patientId === psych.patientId)).toBe(true);
		const days = listed.map((n) => n.dateOfService);
		expect([...days].sort().reverse()).toEqual(days);

		const signedCount = Number((await admin(sandbox, 'GET', 'records/notes?status=signed&limit=1')).count);
		const signedPsych = Number((await admin(sandbox, 'GET', 'records/notes?status=signed&noteType=8&limit=1')).count);
		const before = await hits('notes/list');
		const page = await client().notes.list({ status: 'signed', limit: 21 });
		expect(page).toHaveLength(21);
		expect(page.every((n) => n.status === 'signed' && n.locked && n.signed && n.signerId !== null)).toBe(true);
		expect((await hits('notes/list')) - before).toBe(2);
		const drafts = (await records('status=draft')).filter((n) => n.noteType !== 8);
		expect(ids(await client().notes.list({ status: 'draft' }))).toEqual(ids(drafts));
		const all = await client().notes.list({ status: 'signed' });
		expect(all).toHaveLength(signedCount - signedPsych);
		expect(new Set(all.map((n) => n.id)).size).toBe(all.length);
	});

	test('list by appointment and by awaiting-supervisor state', async () => {
		const { appointmentId, note } = await draft('supervised', SUPERVISED);
		expect((await client('supervised').notes.list({ appointmentId })).map((n) => n.id)).toEqual([note.id]);
		await client('supervised').notes.sign(note.id);
		const awaiting = await client().notes.list({ status: 'awaitingSupervisor' });
		expect(awaiting.map((n) => n.id)).toContain(note.id);
		expect(awaiting.every((n) => n.status === 'awaitingSupervisor' && n.locked && n.requiresSupervisorApproval && !n.supervisorApproved)).toBe(true);
	});

	test('get reports lock and signature metadata and the named SOAP sections', async () => {
		const [seeded] = await records('status=signed&noteType=4&clinicianId=1&limit=1');
		const note = await client().notes.get(String(seeded.id));
		expect(note).toMatchObject({
			id: seeded.id, encryptedId: seeded.encryptedId, noteType: 'progressNote', status: 'signed', locked: true, signed: true, signerId: 1,
			revision: seeded.revision, patientId: seeded.patientId, appointmentId: seeded.appointmentId, diagnoses: seeded.diagnoses,
			requiresSupervisorApproval: false, supervisorApproved: false, addendaCount: 0, attachments: [],
		});
		expect(note.signedAt).toBe(seeded.signedAt);
		for (const field of ['subjective', 'objective', 'assessment', 'plan'] as const) expect(note.content[field]).toMatch(/\w+/);
		expect((await client().notes.get(seeded.encryptedId)).id).toBe(seeded.id);
	});

	test('psychotherapy notes appear only when explicitly asked for, and a plain get answers not found', async () => {
		const [psych] = await records('noteType=8&limit=1');
		expect((await client().notes.list({ patientId: psych.patientId })).map((n) => n.id)).not.toContain(psych.id);
		const withPsych = await client().notes.list({ patientId: psych.patientId, includePsychotherapy: true });
		expect(withPsych.filter((n) => n.noteType === 'psychotherapyNote').map((n) => n.id)).toContain(psych.id);
		expect(withPsych.length).toBe((await records(`patientId=${psych.patientId}`)).length);

		const refused = await caught(client().notes.get(psych.id));
		expect(refused).toBeInstanceOf(NoteNotFoundError);
		expect((refused as Error).message).toContain("Note Type is 'Psychotherapy Note'");
		const asked = await client().notes.get(psych.id, { noteType: 'psychotherapyNote' });
		expect(asked).toMatchObject({ id: psych.id, noteType: 'psychotherapyNote', billable: false });

		const bad = await requestsDuring(() => client().notes.list({ includePsychotherapy: true }));
		expect(bad.error).toBeInstanceOf(InvalidInputError);
		expect((bad.error as InvalidInputError).field).toBe('params.patientId');
		expect(bad.requests).toBe(0);
	});
});

describe('notes client: writing drafts', () => {
	test('create from blank stores the given sections, codes (upper-cased) and service code', async () => {
		const { note, appointmentId, patientId } = await draft();
		expect(note).toMatchObject({ outcome: 'created', status: 'draft', locked: false, revision: 1, appointmentId, patientId, diagnoses: ['F41.1'], serviceCode: '90834' });
		expect(note.content).toMatchObject({ subjective: 'Synthetic subjective.', plan: 'Synthetic plan.' });
		const [stored] = await records(`id=${note.id}`);
		expect(stored).toMatchObject({ status: 'draft', clinicianId: DEMO, diagnoses: ['F41.1'], values: { 13000: 'Synthetic subjective.', 13003: 'Synthetic plan.' } });
	});

	test('create from a template and from the previous note of the patient', async () => {
		const s1 = await session();
		const fromTemplate = await client().notes.create({ ...s1, startFrom: 'template', templateId: 1, content: { plan: 'Own plan.' }, diagnoses: ['F32.0'] });
		expect(fromTemplate.content).toMatchObject({ subjective: 'Client reports: ', objective: 'Appearance and behaviour: ', plan: 'Own plan.' });

		const s2 = await session(DEMO, s1.patientId, `${sandboxDay(sandbox)}T10:00`);
		const copied = await client().notes.create({ ...s2, startFrom: 'previousNote' });
		expect(copied.content).toEqual(fromTemplate.content);
		expect(copied.diagnoses).toEqual(['F32.0']);
	});

	test('bad diagnoses, service code or template choice are refused before any request', async () => {
		const s = await session();
		const cases: [unknown, string, RegExp][] = [
			[{ ...s, diagnoses: ['F41.1', 'not-a-code'] }, 'note.diagnoses.1', /ICD-10/],
			[{ ...s, diagnoses: Array.from({ length: 13 }, (_, i) => `F4${i % 10}.${i}`) }, 'note.diagnoses', /at most 12/],
			[{ ...s, diagnoses: ['F41.1', 'f41.1'] }, 'note.diagnoses.1', /repeats/],
			[{ ...s, serviceCode: '9083' }, 'note.serviceCode', /CPT/],
			[{ ...s, startFrom: 'template' }, 'note.templateId', /required/],
			[{ ...s, appointmentId: 'x' }, 'note.appointmentId', /appointment ID/],
		];
		for (const [input, field, message] of cases) {
			const run = await requestsDuring(() => client().notes.create(input as never));
			expect(run.error).toBeInstanceOf(InvalidInputError);
			expect((run.error as InvalidInputError).field).toBe(field);
			expect((run.error as InvalidInputError).problem).toMatch(message);
			expect((run.error as Error).message).not.toContain('not-a-code');
			expect(run.requests + run.logins).toBe(0);
		}
		expect(await records(`appointmentId=${s.appointmentId}`)).toHaveLength(0);
	});

	test('a second create for the appointment returns the existing draft; a signed one is refused', async () => {
		const { note, ...s } = await draft();
		const again = await client().notes.create({ ...s, content: { subjective: 'Other text.' } });
		expect(again).toMatchObject({ id: note.id, outcome: 'existingDraft', content: { subjective: 'Synthetic subjective.' } });
		expect(await records(`appointmentId=${s.appointmentId}`)).toHaveLength(1);
		await client().notes.sign(note.id);
		const refused = await caught(client().notes.create(s));
		expect((refused as Error).message).toMatch(new RegExp(`already has a signed progress note \\(note ${note.id}\\).*Add Addendum`));
	});

	test('a create whose answer is lost is found by its appointment and not sent again', async () => {
		const s = await session();
		await client().notes.list({ limit: 1 }); // log in first, so the fault hits the save
		await faults([{ handler: 'notes/save', fault: 'drop', count: 1 }]);
		const note = await client().notes.create({ ...s, content: { plan: 'Kept once.' } });
		expect(note).toMatchObject({ outcome: 'recovered', content: { plan: 'Kept once.' } });
		expect(await records(`appointmentId=${s.appointmentId}`)).toHaveLength(1);
		expect(await hits('notes/save')).toBe(1);
		expect((await stats()).faults.drop).toBe(1);
	});

	test('update changes only the given fields of a draft', async () => {
		const { note } = await draft();
		const updated = await client().notes.update(String(note.id), { content: { plan: 'New plan.', objective: 'Seen.' } });
		expect(updated).toMatchObject({ revision: 2, diagnoses: ['F41.1'], serviceCode: '90834', content: { subjective: 'Synthetic subjective.', plan: 'New plan.', objective: 'Seen.' } });
		const codes = await client().notes.update(note.encryptedId, { diagnoses: ['F43.10', 'Z63.0'] });
		expect(codes).toMatchObject({ revision: 3, diagnoses: ['F43.10', 'Z63.0'], content: { plan: 'New plan.' } });
		const nothing = await requestsDuring(() => client().notes.update(note.id, {}));
		expect((nothing.error as InvalidInputError).field).toBe('changes');
		expect(nothing.requests).toBe(0);
	});

	test('delete removes an unsigned draft', async () => {
		const { note } = await draft();
		const since = await auditLength();
		expect(await client().notes.delete(note.id)).toEqual({ id: note.id, deleted: true });
		expect(await records(`id=${note.id}`)).toHaveLength(0);
		expect((await noteChanges(since, note.id)).map((e) => e.action)).toEqual(['delete']);
		expect(await caught(client().notes.get(note.id))).toBeInstanceOf(NoteNotFoundError);
	});
});

describe('notes client: locked notes are never changed', () => {
	test.each([
		['signed', 'demo' as Who, DEMO, 'is signed and locked'],
		['awaiting supervisor', 'supervised' as Who, SUPERVISED, 'is awaiting supervisor approval'],
	])('update and delete of a %s note are refused after one read, with no change request', async (_label, who, clinicianId, why) => {
		const { note } = await draft(who, clinicianId);
		const signed = await client(who).notes.sign(note.id);
		const since = await auditLength();
		const [saves, deletes, gets] = [await hits('notes/save'), await hits('notes/delete'), await hits('notes/get')];
		for (const attempt of [() => client(who).notes.update(note.id, { content: { plan: 'Changed.' } }), () => client(who).notes.delete(note.id)]) {
			const error = await caught(attempt());
			expect(error).toBeInstanceOf(NoteLockedError);
			expect((error as Error).message).toContain(why);
			expect((error as Error).message).toContain("'Add Addendum'");
		}
		expect(await noteChanges(since, note.id)).toEqual([]);
		expect(await hits('notes/save')).toBe(saves);
		expect(await hits('notes/delete')).toBe(deletes);
		expect((await hits('notes/get')) - gets).toBe(2);
		const [stored] = await records(`id=${note.id}`);
		expect(stored).toMatchObject({ revision: signed.revision, values: { 13003: 'Synthetic plan.' } });
	});
});

describe('notes client: signing, supervision, addenda, attachments', () => {
	test('a clinician signs and locks; a supervised note waits for the supervisor, who co-signs', async () => {
		const own = await draft();
		expect(await client().notes.sign(own.note.id)).toEqual({ id: own.note.id, encryptedId: own.note.encryptedId, status: 'signed', revision: 2, signed: true, locked: true });

		const supervised = await draft('supervised', SUPERVISED);
		expect(await client('supervised').notes.sign(supervised.note.id)).toMatchObject({ status: 'awaitingSupervisor', locked: true });
		const waiting = await client().notes.get(supervised.note.id);
		expect(waiting).toMatchObject({ status: 'awaitingSupervisor', requiresSupervisorApproval: true, supervisorId: DEMO, supervisorApproved: false, signerId: SUPERVISED });
		expect(await client().notes.approve(supervised.note.id)).toMatchObject({ status: 'signed', locked: true });
		expect(await client().notes.get(supervised.note.id)).toMatchObject({ status: 'signed', supervisorApproved: true, supervisorApprovedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/) });
	});

	test('submit for approval: a supervised draft goes to the supervisor, an unsupervised one is refused', async () => {
		const supervised = await draft('supervised', SUPERVISED);
		expect(await client('supervised').notes.submitForApproval(supervised.note.id)).toMatchObject({ status: 'awaitingSupervisor' });
		const own = await draft();
		const refused = await caught(client().notes.submitForApproval(own.note.id));
		expect(refused).toBeInstanceOf(PortalRefusalError);
		expect((refused as PortalRefusalError).code).toBe('NotSupervised');
	});

	test('a sign whose answer is lost is read back, not sent twice', async () => {
		const { note } = await draft();
		await faults([{ handler: 'notes/sign', fault: 'drop', count: 1 }]);
		const since = await auditLength();
		expect(await client().notes.sign(note.id)).toMatchObject({ id: note.id, status: 'signed', locked: true });
		expect((await noteChanges(since, note.id)).map((e) => e.action)).toEqual(['sign']);
		expect(await hits('notes/sign')).toBe(1);
	});

	test('an addendum goes on a signed note once, even when its answer is lost; a draft is refused before sending', async () => {
		const { note } = await draft();
		const onDraft = await caught(client().notes.addAddendum(note.id, 'Later fact.'));
		expect((onDraft as Error).message).toMatch(/only to signed notes.*draft/);
		expect(await hits('notes/addendum')).toBe(0);
		await client().notes.sign(note.id);
		expect(await client().notes.addAddendum(note.id, 'First addendum.')).toMatchObject({ noteId: note.id, addendaCount: 1 });
		await faults([{ handler: 'notes/addendum', fault: 'drop', count: 1 }]);
		expect(await client().notes.addAddendum(note.id, 'Second addendum.')).toMatchObject({ noteId: note.id, addendumId: 2, addendaCount: 2 });
		const [stored] = await records(`id=${note.id}`);
		expect(stored.addenda.map((a: Row) => a.text)).toEqual(['First addendum.', 'Second addendum.']);
		expect((await client().notes.get(note.id)).addendaCount).toBe(2);
	});

	test('attach keeps a file on the note; a file over 10 MB is refused before any request', async () => {
		const { note } = await draft();
		const content = Buffer.from('synthetic attachment bytes');
		const attached = await client().notes.attach(note.id, { fileName: 'scan.pdf', content });
		expect(attached).toMatchObject({ noteId: note.id, fileName: 'scan.pdf', sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex') });
		const [stored] = await records(`id=${note.id}`);
		expect(stored.attachments).toEqual([expect.objectContaining({ fileName: 'scan.pdf', sizeBytes: content.length, sha256: attached.sha256 })]);
		expect((await client().notes.get(note.id)).attachments).toEqual([expect.objectContaining({ id: attached.attachmentId, fileName: 'scan.pdf', sizeBytes: content.length })]);

		const big = await requestsDuring(() => client().notes.attach(note.id, { fileName: 'big.pdf', content: new Uint8Array(10 * 1024 * 1024 + 1) }));
		expect(big.error).toBeInstanceOf(InvalidInputError);
		expect((big.error as Error).message).toContain('at most 10 MB');
		expect(big.requests).toBe(0);
		expect(big.error).toBeInstanceOf(TherapyNotesError);
	});
});
