import { NotesResource } from '../../../lib/client/resources/notes';
import { InvalidInputError, NoteNotFoundError, PortalChangedError, WriteOutcomeUnknownError } from '../../../lib/client';
import type { PortalCall } from '../../../lib/session';

/**
 * The notes client against a scripted portal: each handler answers from a queue, and every call
 * (operation and form) is recorded, so the order of requests and what was sent can be asserted.
 */
type Answer = Record<string, unknown> | Error;

function scripted(answers: Record<string, Answer[]>) {
	const sent: { operation: string; form: Record<string, string> }[] = [];
	const session = {
		request: async <T>(call: PortalCall<T>): Promise<T> => {
			sent.push({ operation: call.operation, form: call.form ?? {} });
			const next = answers[call.operation]?.shift();
			if (next === undefined) throw new Error(`unexpected ${call.operation}`);
			if (next instanceof Error) throw next;
			return call.parse({ status: 200, headers: {}, body: JSON.stringify(next) });
		},
	};
	return { notes: new NotesResource(session), sent };
}

function wireNote(overrides: Record<string, unknown> = {}) {
	return {
		Success: true,
		Result: 1,
		NoteId: 5001,
		EncryptedNoteId: 'AbCdEfGhIjKlMnOpQr',
		NoteType: 4,
		PatientId: 1001,
		CalendarEntryId: 7001,
		ClinicianId: 1,
		DateOfService: '11/25/2026',
		NoteRevision: 1,
		NoteStatus: 'Draft',
		IsSigned: false,
		IsLocked: false,
		SignerId: null,
		DateSigned: null,
		RequiresSupervisorApproval: false,
		SupervisorApproved: false,
		SupervisorId: null,
		SupervisorSignedDate: null,
		Diagnoses: ['F41.1'],
		ServiceCode: '90834',
		IsBillable: true,
		AddendumCount: 0,
		AttachmentCount: 0,
		CreatedDate: '11/25/2026 2:05PM',
		LastModifiedDate: '11/25/2026 2:05PM',
		Form: { Data: { FormElementValues: [{ ElementId: 10001, Value: null }, { ElementId: 13000, Value: 'S text' }, { ElementId: 13003, Value: 'P text' }, { ElementId: 99999, Value: { any: 1 } }] } },
		Addenda: [],
		Attachments: [],
		...overrides,
	};
}

const page = (notes: unknown[], pageCount = 1) => ({ Success: true, Result: 1, Notes: notes, PageCount: pageCount, TotalCount: notes.length });
const lost = () => new WriteOutcomeUnknownError('notes/x', 'socket hang up');

describe('notes client mapping', () => {
	test('get maps wire names and portal dates to the domain; the signature element wins over the flat fields', async () => {
		const signed = wireNote({
			NoteStatus: 'Signed', IsSigned: true, IsLocked: true, NoteRevision: 2, SignerId: 9, DateSigned: '11/25/2026 3:00PM',
			Form: { Data: { FormElementValues: [{ ElementId: 10001, Value: { SignatureType: 1, SignerId: 1, DateSigned: '11/25/2026 3:10PM' } }, { ElementId: 13014, Value: 'M text' }] } },
		});
		const { notes, sent } = scripted({ 'notes/get': [signed] });
		const note = await notes.get('5001');
		expect(note).toMatchObject({ id: 5001, status: 'signed', locked: true, signed: true, signerId: 1, signedAt: '2026-11-25T15:10', dateOfService: '2026-11-25', createdAt: '2026-11-25T14:05', content: { medications: 'M text' } });
		expect(sent).toEqual([{ operation: 'notes/get', form: { notetype: '4', encryptednotevalues: JSON.stringify({ NoteId: 5001, CalendarEntryId: -1, PatientId: -1, NoteRevision: 0 }) } }]);
	});

	test('an unknown status or a date in another format is a PortalChangedError naming the field', async () => {
		const { notes } = scripted({ 'notes/get': [wireNote({ NoteStatus: 'Finalized' }), wireNote({ DateOfService: '2026-11-25' })] });
		const first = await notes.get(5001).catch((e: unknown) => e);
		expect(first).toBeInstanceOf(PortalChangedError);
		expect((first as PortalChangedError).field).toBe('NoteStatus');
		expect(((await notes.get(5001).catch((e: unknown) => e)) as PortalChangedError).field).toBe('DateOfService');
	});

	test('a psychotherapy note answered to a plain get or slipped into a list is never handed out', async () => {
		const psych = wireNote({ NoteId: 5002, NoteType: 8 });
		const { notes } = scripted({ 'notes/get': [psych], 'notes/list': [page([wireNote(), psych])] });
		expect(await notes.get(5002).catch((e: unknown) => e)).toBeInstanceOf(NoteNotFoundError);
		expect((await notes.list()).map((n) => n.id)).toEqual([5001]);
	});

	test('with psychotherapy notes included, both lists are merged newest first and cut to the limit', async () => {
		const row = (id: number, day: string, type = 4) => wireNote({ NoteId: id, NoteType: type, DateOfService: day });
		const { notes, sent } = scripted({
			'notes/list': [page([row(1, '11/20/2026'), row(2, '11/10/2026')])],
			'notes/listpsychotherapy': [page([row(3, '11/15/2026', 8), row(4, '11/01/2026', 8)])],
		});
		expect((await notes.list({ patientId: 1001, includePsychotherapy: true, limit: 3 })).map((n) => n.id)).toEqual([1, 3, 2]);
		expect(sent.map((s) => s.operation)).toEqual(['notes/list', 'notes/listpsychotherapy']);
	});
});

describe('notes client: writes whose answer was lost', () => {
	test('sign: read back and not sent again when it took effect; sent once more when it did not', async () => {
		const signed = wireNote({ NoteStatus: 'Signed', IsSigned: true, IsLocked: true, NoteRevision: 2, SignerId: 1 });
		const { notes, sent } = scripted({
			'notes/sign': [lost(), lost(), { NoteId: 5001, EncryptedNoteId: 'AbCdEfGhIjKlMnOpQr', NoteStatus: 'Signed', NoteRevision: 2, IsSigned: true, IsLocked: true }],
			'notes/get': [signed, wireNote()],
		});
		expect(await notes.sign(5001)).toMatchObject({ status: 'signed', revision: 2 });
		expect(sent.map((s) => s.operation)).toEqual(['notes/sign', 'notes/get']);
		expect(await notes.sign(5001)).toMatchObject({ status: 'signed' });
		expect(sent.map((s) => s.operation).slice(2)).toEqual(['notes/sign', 'notes/get', 'notes/sign']);
	});

	test('create: a lost answer opens the appointment note first; NoteExists on the resend returns that draft', async () => {
		const { notes, sent } = scripted({
			'notes/save': [lost(), { Success: false, ErrorCode: 'NoteExists', ErrorMessage: 'exists', ExistingNoteId: 5001 }],
			'notes/get': [{ Success: false, ErrorCode: 'NotFound', ErrorMessage: 'The note could not be found.' }, wireNote()],
		});
		const note = await notes.create({ patientId: 1001, appointmentId: 7001, content: { subjective: 'S text' } });
		expect(note).toMatchObject({ id: 5001, outcome: 'existingDraft' });
		expect(sent.map((s) => s.operation)).toEqual(['notes/save', 'notes/get', 'notes/save', 'notes/get']);
		expect(JSON.parse(sent[1].form.encryptednotevalues)).toMatchObject({ NoteId: -1, CalendarEntryId: 7001, PatientId: 1001 });
		expect(JSON.parse(sent[0].form.savenoterequest)).toEqual({
			NoteId: -1, NoteType: 4, PatientId: 1001, CalendarEntryId: 7001, FormData: { FormElementValues: [{ ElementId: 13000, Value: 'S text' }] }, IsBillable: true,
		});
	});

	test('update sends only the given elements, after reading that the note is a draft', async () => {
		const { notes, sent } = scripted({ 'notes/get': [wireNote(), wireNote({ NoteRevision: 2 })], 'notes/save': [{ Result: 1, FormValidationResult: { IsValid: true, Messages: [] }, NoteId: 5001, EncryptedNoteId: 'x', NoteRevision: 2 }] });
		await notes.update(5001, { content: { plan: '', riskAssessment: 'R text' } });
		expect(JSON.parse(sent[1].form.savenoterequest)).toEqual({ NoteId: 5001, NoteType: 4, FormData: { FormElementValues: [{ ElementId: 13003, Value: '' }, { ElementId: 13011, Value: 'R text' }] } });
	});
});

describe('notes client input checks (nothing is sent)', () => {
	test.each([
		['a note id with a path', () => scripted({}).notes.get('../5001'), 'noteId'],
		['text with control characters', () => scripted({}).notes.create({ patientId: 1, appointmentId: 2, content: { plan: 'a\u0007b' } }), 'note.content.plan'],
		['an unknown section', () => scripted({}).notes.create({ patientId: 1, appointmentId: 2, content: { summary: 'x' } as never }), 'note.content'],
		['a blank addendum', () => scripted({}).notes.addAddendum(5001, '   '), 'text'],
		['a file name with a path', () => scripted({}).notes.attach(5001, { fileName: 'a/b.pdf', content: Buffer.from('x') }), 'file.fileName'],
		['an unknown note type', () => scripted({}).notes.get(5001, { noteType: 'memo' as never }), 'options.noteType'],
	])('%s', async (_label, run, field) => {
		const error = await run().catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).field).toBe(field);
	});
});
