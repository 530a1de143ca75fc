import { createHash } from 'node:crypto';
import type { RunningSandbox } from '../../../sandbox/server';
import type { RawPortalClient } from '../../helpers/portalClient';
import { toPortalDate } from '../../../sandbox/util/dates';
import { admin, loggedInClient, sandboxDay, withSandbox } from '../../helpers/sandbox';

type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- portal answers are free-form test data

let sandbox: RunningSandbox;
let demo: RawPortalClient;
beforeEach(async () => {
	sandbox = await withSandbox();
	demo = await loggedInClient(sandbox, 'demo');
});
afterEach(() => sandbox.close());

const PROGRESS = 4;
const PSYCHOTHERAPY = 8;
const MSG = { templates: 1, list: 2, get: 3, listPsychotherapy: 4, save: 9, sign: 11, cosign: 12, submit: 13, addendum: 14, remove: 15, upload: 16 } as const;
const VERB = { templates: 'listtemplates', list: 'listnotes', get: 'getnote', listPsychotherapy: 'listpsychotherapynotes', save: 'savenote', sign: 'signnote', cosign: 'approvenote', submit: 'submitforapproval', addendum: 'addaddendum', remove: 'deletenote', upload: 'uploadattachment' } as const;

const notes = (client: RawPortalClient, what: keyof typeof MSG, fields: Record<string, string> = {}): Promise<Answer> =>
	client.call(`/app/notes/api/${VERB[what]}.aspx`, MSG[what], fields);
const getNote = (client: RawPortalClient, noteId: number, noteType = PROGRESS) =>
	notes(client, 'get', { notetype: String(noteType), encryptednotevalues: JSON.stringify({ NoteId: noteId, NoteRevision: 0, CalendarEntryId: -1, PatientId: -1 }) });
const act = (noteId: number, what: 'sign' | 'cosign' | 'submit' | 'remove', client = demo) => notes(client, what, { noteid: String(noteId), notetype: String(PROGRESS) });
const values = (note: Answer) => Object.fromEntries((note.Form.Data.FormElementValues as Answer[]).map((e) => [e.ElementId, e.Value]));
const noteAudit = async (noteId: number) => ((await admin(sandbox, 'GET', 'audit')).entries as Answer[]).filter((e) => e.kind === 'note' && e.id === noteId);
const store = () => sandbox.state.store;

/** A completed session of the clinician with one of their patients, made through the admin API. */
async function completedAppointment(clinicianId: number): Promise<{ appointmentId: number; patientId: number }> {
	const patient = [...store().patients.values()].find((p) => p.assignedClinicianIds[0] === clinicianId)!;
	const made = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: patient.id, clinicianId, start: `${sandboxDay(sandbox, -1)}T10:00` });
	await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: made.id, status: 1 });
	return { appointmentId: made.id, patientId: patient.id };
}

function saveRequest(session: { appointmentId: number; patientId: number }, extra: Answer = {}): Record<string, string> {
	const request = {
		NoteId: -1,
		NoteType: PROGRESS,
		PatientId: session.patientId,
		CalendarEntryId: session.appointmentId,
		FormData: { FormElementValues: [{ ElementId: 13000, Value: 'Synthetic subjective line.' }, { ElementId: 13003, Value: 'Synthetic plan line.' }] },
		Diagnoses: ['F41.1'],
		IsBillable: true,
		...extra,
	};
	return { savenoterequest: JSON.stringify(request) };
}

async function draft(client = demo, clinicianId = 1): Promise<{ noteId: number; encryptedId: string; appointmentId: number; patientId: number }> {
	const session = await completedAppointment(clinicianId);
	const saved = await notes(client, 'save', saveRequest(session));
	expect(saved).toMatchObject({ Success: true, Result: 1, FormValidationResult: { IsValid: true, Messages: [] }, NoteRevision: 1 });
	return { noteId: saved.NoteId, encryptedId: saved.EncryptedNoteId, ...session };
}

describe('notes: reading', () => {
	test('getnote answers the form and the metadata of a seeded signed note, the same text on every read', async () => {
		const seeded = [...store().notes.values()].find((n) => n.noteType === PROGRESS && n.status === 'signed' && n.clinicianId === 1)!;
		const note = await getNote(demo, seeded.id);
		expect(note).toMatchObject({
			Result: 1, NoteId: seeded.id, EncryptedNoteId: seeded.encryptedId, NoteType: PROGRESS, NoteStatus: 'Signed', IsSigned: true, IsLocked: true,
			NoteRevision: 2, PatientId: seeded.patientId, CalendarEntryId: seeded.appointmentId, ClinicianId: 1, ServiceCode: seeded.serviceCode,
			IsBillable: true, RequiresSupervisorApproval: false, SupervisorApproved: false, Addenda: [], Attachments: [],
		});
		expect(note.Diagnoses[0]).toMatch(/^F\d\d(\.\d+)?$/);
		const form = values(note);
		for (const id of [13000, 13001, 13002, 13003, 13005, 13010, 13011, 13014]) expect(form[id]).toMatch(/\w+/);
		expect(form[13009]).toBe(note.Diagnoses.join(', '));
		expect(form[10001]).toEqual({ SignatureType: 1, SignerId: 1, DateSigned: expect.stringMatching(/^\d\d\/\d\d\/\d{4} \d{1,2}:\d\d[AP]M$/) });
		expect(await getNote(demo, seeded.id)).toEqual(note);
		const byAppointment = await notes(demo, 'get', { notetype: '4', encryptednotevalues: JSON.stringify({ NoteId: -1, CalendarEntryId: seeded.appointmentId, PatientId: seeded.patientId }) });
		expect(byAppointment.NoteId).toBe(seeded.id);
	});

	test('listnotes filters by patient, appointment and status, pages by 20, and lists templates', async () => {
		const seeded = [...store().notes.values()].find((n) => n.noteType === PROGRESS && n.clinicianId === 1)!;
		const forPatient = await notes(demo, 'list', { patientid: String(seeded.patientId) });
		const expected = [...store().notes.values()].filter((n) => n.patientId === seeded.patientId && n.noteType !== PSYCHOTHERAPY);
		expect(forPatient.TotalCount).toBe(expected.length);
		expect(forPatient.Notes.every((n: Answer) => n.PatientId === seeded.patientId)).toBe(true);
		const byAppointment = await notes(demo, 'list', { calendarentryid: String(seeded.appointmentId) });
		expect(byAppointment.Notes.map((n: Answer) => n.NoteId)).toContain(seeded.id);
		const drafts = await notes(demo, 'list', { status: 'draft', page: '1' });
		expect(drafts.Notes.length).toBeLessThanOrEqual(20);
		expect(drafts.Notes.every((n: Answer) => n.NoteStatus === 'Draft')).toBe(true);
		expect(drafts.TotalCount).toBe([...store().notes.values()].filter((n) => n.status === 'draft' && n.noteType !== PSYCHOTHERAPY).length);
		expect(await notes(demo, 'list', { status: 'finished' })).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining("'status'") });
		const templates = await notes(demo, 'templates', { notetype: '4' });
		expect(templates.Templates.map((t: Answer) => t.Name)).toEqual(['Standard SOAP', 'Brief Check-in']);
	});

	test('psychotherapy notes are never in listnotes and appear only in their own list or when asked by type', async () => {
		const psych = [...store().notes.values()].find((n) => n.noteType === PSYCHOTHERAPY)!;
		const all = await notes(demo, 'list', { patientid: String(psych.patientId) });
		expect(all.Notes.length).toBeGreaterThan(0);
		expect(all.Notes.some((n: Answer) => n.NoteType === PSYCHOTHERAPY || n.NoteId === psych.id)).toBe(false);
		expect(await notes(demo, 'list', { notetype: '8' })).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining('listpsychotherapynotes') });
		const own = await notes(demo, 'listPsychotherapy', { patientid: String(psych.patientId) });
		expect(own.Notes.map((n: Answer) => n.NoteId)).toContain(psych.id);
		expect(own.Notes.every((n: Answer) => n.NoteType === PSYCHOTHERAPY)).toBe(true);
		expect(await getNote(demo, psych.id, PROGRESS)).toMatchObject({ Success: false, ErrorCode: 'NotFound' });
		expect(await getNote(demo, psych.id, PSYCHOTHERAPY)).toMatchObject({ Result: 1, NoteId: psych.id, IsBillable: false });
		expect((await demo.request('GET', `/app/notes/view/${psych.encryptedId}/`)).status).toBe(404);
		expect((await demo.request('GET', `/app/notes/view/${psych.encryptedId}/?notetype=8`)).status).toBe(200);
	});

	test('the note page shows each SOAP field, status, diagnoses and signature in data-testid containers', async () => {
		const { noteId, encryptedId } = await draft();
		const page = async () => (await (await demo.request('GET', `/app/notes/view/${encryptedId}/`)).text());
		let html = await page();
		expect(html).toMatch(/data-testid="note-subjective" data-element-id="13000">Synthetic subjective line\.</);
		expect(html).toMatch(/data-testid="note-plan" data-element-id="13003">Synthetic plan line\.</);
		expect(html).toMatch(/data-testid="note-objective" data-element-id="13001"></);
		expect(html).toContain('<dd data-testid="note-status">Draft</dd>');
		expect(html).toContain('<li data-testid="note-diagnosis-code">F41.1</li>');
		expect(html).toMatch(/data-testid="note-signature"[^>]*>Not signed</);
		await act(noteId, 'sign');
		html = await page();
		expect(html).toContain('<dd data-testid="note-status">Signed</dd>');
		expect(html).toMatch(/data-testid="note-signature" data-signer-id="1">Electronically signed by /);
	});
});

describe('notes: writing drafts', () => {
	test('create from blank, from a template and from the previous note of the same patient', async () => {
		const blank = await draft();
		const note = await getNote(demo, blank.noteId);
		expect(note).toMatchObject({ NoteStatus: 'Draft', IsSigned: false, NoteRevision: 1, Diagnoses: ['F41.1'], ServiceCode: '90834' });
		expect(values(note)).toMatchObject({ 13000: 'Synthetic subjective line.', 13003: 'Synthetic plan line.', 10001: null });
		expect(values(note)[13001]).toBeUndefined();

		const session = await completedAppointment(1);
		const fromTemplate = await notes(demo, 'save', saveRequest(session, { TemplateId: 1, FormData: { FormElementValues: [{ ElementId: 13003, Value: 'Own plan.' }] } }));
		const templated = values(await getNote(demo, fromTemplate.NoteId));
		expect(templated).toMatchObject({ 13000: 'Client reports: ', 13001: 'Appearance and behaviour: ', 13002: 'Progress toward goals: ', 13003: 'Own plan.' });

		const previous = [...store().notes.values()].filter((n) => n.patientId === session.patientId && n.noteType === PROGRESS && n.values === null).pop()!;
		const later = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: session.patientId, clinicianId: 1, start: `${sandboxDay(sandbox)}T09:00` });
		const copied = await notes(demo, 'save', saveRequest({ appointmentId: later.id, patientId: session.patientId }, { CopyFromNoteId: previous.id, FormData: undefined, Diagnoses: undefined }));
		const copy = await getNote(demo, copied.NoteId);
		const source = values(await getNote(demo, previous.id));
		expect(copy.Diagnoses).toEqual(previous.diagnoses);
		expect({ ...values(copy), 10001: 'x' }).toEqual({ ...source, 10001: 'x' });
		expect(values(copy)[10001]).toBeNull();
	});

	test('updating a draft bumps the revision; a second note for the same appointment names the first', async () => {
		const { noteId, appointmentId, patientId } = await draft();
		const update = await notes(demo, 'save', saveRequest({ appointmentId, patientId }, { NoteId: noteId, FormData: { FormElementValues: [{ ElementId: 13002, Value: 'Added assessment.' }] } }));
		expect(update).toMatchObject({ Success: true, NoteId: noteId, NoteRevision: 2 });
		expect(values(await getNote(demo, noteId))).toMatchObject({ 13000: 'Synthetic subjective line.', 13002: 'Added assessment.' });
		const again = await notes(demo, 'save', saveRequest({ appointmentId, patientId }));
		expect(again).toMatchObject({ Success: false, ErrorCode: 'NoteExists', ExistingNoteId: noteId, ErrorMessage: expect.stringContaining(`note ${noteId}`) });
		expect((await noteAudit(noteId)).map((e) => e.action)).toEqual(['create', 'update']);
	});

	test('only clinicians write notes, and only the author edits, signs or deletes a draft', async () => {
		const { noteId, appointmentId, patientId } = await draft();
		const plain = await loggedInClient(sandbox, 'plain');
		const supervised = await loggedInClient(sandbox, 'supervised');
		const other = await completedAppointment(1);
		expect(await notes(plain, 'save', saveRequest(other))).toMatchObject({ Success: false, ErrorCode: 'NotAllowed' });
		expect(await notes(supervised, 'save', saveRequest({ appointmentId, patientId }, { NoteId: noteId }))).toMatchObject({ ErrorCode: 'NotAllowed' });
		expect(await act(noteId, 'sign', supervised)).toMatchObject({ ErrorCode: 'NotAllowed' });
		expect(await act(noteId, 'remove', supervised)).toMatchObject({ ErrorCode: 'NotAllowed' });
		expect((await getNote(demo, noteId)).NoteRevision).toBe(1);
	});

	test('validation messages name the element or field, and nothing is written', async () => {
		const session = await completedAppointment(1);
		const before = store().audit.length;
		const answer = await notes(demo, 'save', saveRequest(session, {
			FormData: { FormElementValues: [{ ElementId: 99999, Value: 'x' }, { ElementId: 13000, Value: 'y'.repeat(20_001) }, { ElementId: 13002, Value: 'bell\u0007' }, { ElementId: 10001, Value: 'forged' }] },
			Diagnoses: ['F41.1', 'XYZ', ...Array.from({ length: 11 }, (_, i) => `F4${i % 10}.${i}`)],
		}));
		expect(answer).toMatchObject({ Success: false, Result: 0, ErrorCode: 'ValidationFailed', FormValidationResult: { IsValid: false } });
		const messages: string[] = answer.FormValidationResult.Messages;
		expect(messages).toEqual(expect.arrayContaining([
			expect.stringContaining("'FormData.FormElementValues[0].ElementId' 99999"),
			expect.stringContaining('Element 13000 (Subjective) is longer than 20000 characters'),
			expect.stringContaining('Element 13002 (Assessment) contains control characters'),
			expect.stringMatching(/FormElementValues\[3\]\.ElementId' 10001 .*set by signing/),
			expect.stringContaining("'Diagnoses' has 13 codes; at most 12"),
			expect.stringContaining("'Diagnoses[1]' is not an ICD-10 code"),
		]));
		expect(answer.ErrorMessage).not.toContain('XYZ');
		expect(store().audit.length).toBe(before);
		expect([...store().notes.values()].some((n) => n.appointmentId === session.appointmentId)).toBe(false);
	});
});

describe('notes: signing locks', () => {
	test('every change to a signed note is refused with NoteLocked, naming the addendum, and nothing changes', async () => {
		const { noteId, appointmentId, patientId } = await draft();
		expect(await act(noteId, 'sign')).toMatchObject({ Success: true, NoteStatus: 'Signed', IsLocked: true, NoteRevision: 2 });
		const signed = await getNote(demo, noteId);
		const audit = await noteAudit(noteId);
		expect(audit.map((e) => e.action)).toEqual(['create', 'sign']);
		const refusals = [
			await notes(demo, 'save', saveRequest({ appointmentId, patientId }, { NoteId: noteId })),
			await act(noteId, 'remove'),
			await act(noteId, 'sign'),
			await act(noteId, 'cosign'),
		];
		for (const refusal of refusals) expect(refusal).toMatchObject({ Success: false, ErrorCode: 'NoteLocked', NoteId: noteId, ErrorMessage: expect.stringContaining('addendum') });
		expect(await getNote(demo, noteId)).toEqual(signed);
		expect(await noteAudit(noteId)).toEqual(audit);
	});

	test('a billable note without diagnoses cannot be signed', async () => {
		const session = await completedAppointment(1);
		const saved = await notes(demo, 'save', saveRequest(session, { Diagnoses: [] }));
		expect(await act(saved.NoteId, 'sign')).toMatchObject({ ErrorCode: 'ValidationFailed', FormValidationResult: { Messages: [expect.stringContaining("'Diagnoses'")] } });
		expect((await getNote(demo, saved.NoteId)).NoteStatus).toBe('Draft');
	});

	test('supervised clinician: sign waits for the supervisor; only the supervisor co-signs', async () => {
		const supervised = await loggedInClient(sandbox, 'supervised');
		const plain = await loggedInClient(sandbox, 'plain');
		const { noteId } = await draft(supervised, 3);
		expect((await getNote(supervised, noteId)).RequiresSupervisorApproval).toBe(true);
		expect(await act(noteId, 'sign', supervised)).toMatchObject({ Success: true, NoteStatus: 'AwaitingSupervisor', IsLocked: true });
		expect(await getNote(demo, noteId)).toMatchObject({ NoteStatus: 'AwaitingSupervisor', IsSigned: true, SupervisorId: 1, SupervisorApproved: false, SupervisorSignedDate: null });
		expect(await act(noteId, 'remove', supervised)).toMatchObject({ ErrorCode: 'NoteLocked' });
		expect(await notes(supervised, 'addendum', { noteid: String(noteId), text: 'Later fact.' })).toMatchObject({ ErrorCode: 'NoteNotSigned' });
		for (const other of [supervised, plain]) expect(await act(noteId, 'cosign', other)).toMatchObject({ Success: false, ErrorCode: 'NotAllowed' });
		const cosignedOn = toPortalDate(sandbox.state.nowIso());
		expect(await act(noteId, 'cosign', demo)).toMatchObject({ Success: true, NoteStatus: 'Signed' });
		expect(await getNote(demo, noteId)).toMatchObject({ NoteStatus: 'Signed', SupervisorApproved: true, SupervisorSignedDate: expect.stringMatching(new RegExp(`^${cosignedOn} `)) });
		expect((await noteAudit(noteId)).map((e) => e.action)).toEqual(['create', 'submit-for-approval', 'cosign']);
	});

	test('submit for approval takes a supervised draft to the supervisor and refuses an unsupervised one', async () => {
		const supervised = await loggedInClient(sandbox, 'supervised');
		const mine = await draft(supervised, 3);
		expect(await act(mine.noteId, 'submit', supervised)).toMatchObject({ Success: true, NoteStatus: 'AwaitingSupervisor' });
		const unsupervised = await draft();
		expect(await act(unsupervised.noteId, 'submit')).toMatchObject({ Success: false, ErrorCode: 'NotSupervised' });
		expect((await notes(demo, 'list', { status: 'awaiting-supervisor' })).Notes.map((n: Answer) => n.NoteId)).toEqual([mine.noteId]);
	});
});

describe('notes: addenda, deletion and attachments', () => {
	test('an addendum is accepted only on a signed note and leaves the revision as it was', async () => {
		const { noteId } = await draft();
		expect(await notes(demo, 'addendum', { noteid: String(noteId), text: 'Too early.' })).toMatchObject({ Success: false, ErrorCode: 'NoteNotSigned' });
		await act(noteId, 'sign');
		expect(await notes(demo, 'addendum', { noteid: String(noteId), text: 'A later synthetic fact.' })).toMatchObject({ Success: true, AddendumId: 1, AddendumCount: 1 });
		const note = await getNote(demo, noteId);
		expect(note).toMatchObject({ NoteRevision: 2, Addenda: [{ ID: 1, Text: 'A later synthetic fact.', AuthorId: 1 }] });
		expect(await notes(demo, 'addendum', { noteid: String(noteId), text: '   ' })).toMatchObject({ ErrorMessage: expect.stringContaining("'text'") });
	});

	test('only unsigned drafts can be deleted', async () => {
		const { noteId } = await draft();
		expect(await act(noteId, 'remove')).toMatchObject({ Success: true, Deleted: true });
		expect(await getNote(demo, noteId)).toMatchObject({ Success: false, ErrorCode: 'NotFound' });
		expect((await noteAudit(noteId)).map((e) => e.action)).toEqual(['create', 'delete']);
		const signed = [...store().notes.values()].find((n) => n.status === 'signed' && n.clinicianId === 1 && n.noteType === PROGRESS)!;
		expect(await act(signed.id, 'remove')).toMatchObject({ ErrorCode: 'NoteLocked' });
		expect(store().notes.has(signed.id)).toBe(true);
	});

	test('attachments up to 10 MB are kept as metadata, also on signed notes; one byte more is refused', async () => {
		const { noteId } = await draft();
		await act(noteId, 'sign');
		const limit = Buffer.alloc(10 * 1024 * 1024, 7);
		const upload = (bytes: Buffer, filename = 'scan.pdf') => notes(demo, 'upload', { noteid: String(noteId), filename, content: bytes.toString('base64') });
		const accepted = await upload(limit);
		expect(accepted).toMatchObject({ Success: true, AttachmentId: 1, Size: limit.length, Sha256: createHash('sha256').update(limit).digest('hex') });
		const tooLarge = await upload(Buffer.alloc(limit.length + 1, 7));
		expect(tooLarge).toMatchObject({ Success: false, ErrorCode: 'FileTooLarge', ErrorMessage: expect.stringContaining('10 MB') });
		expect(await upload(Buffer.from('x'), '../etc/passwd')).toMatchObject({ ErrorMessage: expect.stringContaining("'filename'") });
		const note = await getNote(demo, noteId);
		expect(note).toMatchObject({ NoteStatus: 'Signed', NoteRevision: 2, Attachments: [{ ID: 1, FileName: 'scan.pdf', Size: limit.length }] });
		expect(Object.keys(store().notes.get(noteId)!.attachments[0]).sort()).toEqual(['fileName', 'id', 'sha256', 'sizeBytes', 'uploadedAt']);
	});
});

describe('notes: admin actions for trigger tests', () => {
	test('note-create writes and signs a note for a completed appointment; supervised notes wait for note-cosign', async () => {
		const own = await completedAppointment(1);
		const created = await admin(sandbox, 'POST', 'act/note-create', { appointmentId: own.appointmentId, sign: true });
		expect(created).toMatchObject({ status: 'signed', revision: 2 });
		expect((await noteAudit(created.id)).map((e) => [e.action, e.by])).toEqual([['create', 'admin'], ['sign', 'admin']]);
		expect(await admin(sandbox, 'POST', 'act/note-create', { appointmentId: own.appointmentId })).toMatchObject({ error: expect.stringContaining(`note ${created.id}`) });

		const theirs = await completedAppointment(3);
		const waiting = await admin(sandbox, 'POST', 'act/note-create', { appointmentId: theirs.appointmentId });
		expect(await admin(sandbox, 'POST', 'act/note-sign', { noteId: waiting.id })).toMatchObject({ status: 'awaiting-supervisor', supervisorId: 1 });
		expect(await admin(sandbox, 'POST', 'act/note-cosign', { noteId: waiting.id })).toMatchObject({ status: 'signed' });
		expect((await getNote(demo, waiting.id)).SupervisorApproved).toBe(true);
		const scheduled = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: own.patientId, clinicianId: 1, start: `${sandboxDay(sandbox, 4)}T10:00` });
		expect(await admin(sandbox, 'POST', 'act/note-create', { appointmentId: scheduled.id })).toMatchObject({ error: expect.stringContaining('Show') });
	});
});
