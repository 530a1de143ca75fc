import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { SandboxState } from '../state';
import type { Note } from '../data/types';
import { NOTE_TYPES } from '../data/types';
import { asObject, findAppointment, findPatient, hasControlCharacters, ok, paginate, type Json } from './common';
import { saveNote } from './notesSave';
import { dateOfService, NOTE_STATUS_WIRE, noteDetail, noteSummary, templateWire } from './notesWire';
import {
	addAddendum,
	attachFile,
	cosignNote,
	deleteNote,
	MAX_ATTACHMENT_BYTES,
	MAX_TEXT_CHARS,
	signNote,
	submitForApproval,
	visibleNote,
} from './notesLifecycle';

const PAGE_SIZE = 20;
const PSYCHOTHERAPY = NOTE_TYPES.PsychotherapyNote;
const LIST_STATUSES = ['any', ...Object.keys(NOTE_STATUS_WIRE)];

/** `notetype` is optional on the action handlers, but a psychotherapy note needs it named. */
function noteFromForm({ ctx, state }: HandlerArgs): Note {
	const noteType = ctx.str('notetype') === '' ? undefined : ctx.int('notetype');
	return visibleNote(state, ctx.str('noteid', { required: true }), noteType);
}

function refOf(values: Json, key: string): string | number | undefined {
	const value = values[key];
	if (value === undefined || value === null || value === '' || value === -1 || value === 0) return undefined;
	if (typeof value === 'number' || typeof value === 'string') return value;
	throw new PortalError(`'encryptednotevalues.${key}' must be an ID or EncryptedID.`);
}

/** As when a note is opened from the calendar: the appointment's note of the asked type. */
function noteOfAppointment(state: SandboxState, appointmentRef: string | number, patientRef: string | number | undefined, noteType: number): number {
	const appointment = findAppointment(state, appointmentRef);
	const patientId = patientRef === undefined ? appointment.patientIds[0] : findPatient(state, patientRef).id;
	const note = [...state.store.notes.values()].find((n) => n.appointmentId === appointment.id && n.patientId === patientId && n.noteType === noteType);
	if (!note) throw new PortalError('The note could not be found.', 'NotFound');
	return note.id;
}

function getNote({ ctx, state }: HandlerArgs) {
	const noteType = ctx.int('notetype', { required: true });
	const values = asObject(ctx.json('encryptednotevalues'), 'encryptednotevalues');
	const appointmentRef = refOf(values, 'CalendarEntryId');
	const patientRef = refOf(values, 'PatientId');
	let ref = refOf(values, 'NoteId');
	if (ref === undefined) {
		if (appointmentRef === undefined) throw new PortalError(`'encryptednotevalues' needs NoteId or CalendarEntryId.`);
		ref = noteOfAppointment(state, appointmentRef, patientRef, noteType);
	}
	const note = visibleNote(state, ref, noteType);
	if (patientRef !== undefined && state.store.resolve('patient', patientRef) !== note.patientId) {
		throw new PortalError(`'encryptednotevalues.PatientId' does not match note ${note.id}.`);
	}
	return ok(noteDetail(state, note));
}

/** Sort keys of notes/list, newest first: date of service, or (assumed) the final signature's date. */
const NOTE_SORTS: Record<string, (state: SandboxState, note: Note) => string> = {
	dateofservice: (state, note) => dateOfService(state, note),
	// Fully signed: the supervisor's co-signature when there is one, else the clinician's. Unsigned last.
	datesigned: (_state, note) => (note.status === 'signed' ? (note.supervisorSignedAt ?? note.signedAt ?? '') : ''),
};

function newestFirst(state: SandboxState, notes: Note[], sortKey = 'dateofservice'): Note[] {
	const key = NOTE_SORTS[sortKey];
	const keyed = notes.map((note) => ({ note, day: key(state, note) }));
	keyed.sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : b.note.id - a.note.id));
	return keyed.map((k) => k.note);
}

function notePage(args: HandlerArgs, notes: Note[]) {
	const sortKey = (args.ctx.str('sortparameter', { max: 30 }) || 'dateofservice').toLowerCase();
	if (!Object.hasOwn(NOTE_SORTS, sortKey)) throw new PortalError(`Field 'sortparameter' must be one of ${Object.keys(NOTE_SORTS).join(', ')}.`);
	const { rows, pageCount } = paginate(newestFirst(args.state, notes, sortKey), args.ctx.int('page', { fallback: 1 }), PAGE_SIZE);
	return ok({ Notes: rows.map((n) => noteSummary(args.state, n)), PageCount: pageCount, TotalCount: notes.length });
}

/** Every note except psychotherapy notes, which only their own list shows. */
function listNotes(args: HandlerArgs) {
	const { ctx, state } = args;
	const patientId = ctx.str('patientid') ? findPatient(state, ctx.str('patientid')).id : undefined;
	const appointmentId = ctx.str('calendarentryid') ? findAppointment(state, ctx.str('calendarentryid')).id : undefined;
	const clinicianId = ctx.str('clinicianid') ? ctx.int('clinicianid') : undefined;
	const status = (ctx.str('status') || 'any').toLowerCase();
	if (!LIST_STATUSES.includes(status)) throw new PortalError(`Field 'status' must be one of ${LIST_STATUSES.join(', ')}.`);
	const noteType = ctx.str('notetype') ? ctx.int('notetype') : undefined;
	if (noteType === PSYCHOTHERAPY) throw new PortalError(`Field 'notetype': psychotherapy notes are listed only by listpsychotherapynotes.aspx.`);
	const notes = [...state.store.notes.values()].filter(
		(n) =>
			n.noteType !== PSYCHOTHERAPY &&
			(noteType === undefined || n.noteType === noteType) &&
			(patientId === undefined || n.patientId === patientId) &&
			(appointmentId === undefined || n.appointmentId === appointmentId) &&
			(clinicianId === undefined || n.clinicianId === clinicianId) &&
			(status === 'any' || n.status === status),
	);
	return notePage(args, notes);
}

function listPsychotherapyNotes(args: HandlerArgs) {
	const patient = findPatient(args.state, args.ctx.str('patientid', { required: true }));
	const notes = [...args.state.store.notes.values()].filter((n) => n.noteType === PSYCHOTHERAPY && n.patientId === patient.id);
	return notePage(args, notes);
}

function listTemplates({ ctx, state }: HandlerArgs) {
	const noteType = ctx.str('notetype') ? ctx.int('notetype') : undefined;
	const templates = state.store.noteTemplates.filter((t) => noteType === undefined || t.noteType === noteType);
	return ok({ Templates: templates.map(templateWire) });
}

function statusAnswer(note: Note) {
	return ok({ NoteId: note.id, EncryptedNoteId: note.encryptedId, NoteStatus: NOTE_STATUS_WIRE[note.status], NoteRevision: note.revision, IsSigned: note.signerId !== null, IsLocked: note.status !== 'draft' });
}

function sign(args: HandlerArgs) {
	return statusAnswer(signNote(args.state, noteFromForm(args), args.user, args.now, 'portal'));
}

function submit(args: HandlerArgs) {
	return statusAnswer(submitForApproval(args.state, noteFromForm(args), args.user, args.now, 'portal'));
}

function cosign(args: HandlerArgs) {
	return statusAnswer(cosignNote(args.state, noteFromForm(args), args.user, args.now, 'portal'));
}

function addendum(args: HandlerArgs) {
	const note = noteFromForm(args);
	const text = args.ctx.str('text', { required: true, max: MAX_TEXT_CHARS });
	if (text.trim() === '') throw new PortalError(`Field 'text' cannot be blank.`);
	if (hasControlCharacters(text)) throw new PortalError(`Field 'text' contains control characters.`);
	const id = addAddendum(args.state, note, args.user, text, args.now);
	return ok({ NoteId: note.id, AddendumId: id, AddendumCount: note.addenda.length });
}

function remove(args: HandlerArgs) {
	const note = noteFromForm(args);
	deleteNote(args.state, note, args.user, args.now);
	return ok({ NoteId: note.id, Deleted: true });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FILE_NAME = /^[^\\/:*?"<>|]+$/;

/** Size is worked out from the base64 length first, so an oversized file is refused before decoding. */
function decodedSize(content: string): number {
	const padding = content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0;
	return (content.length / 4) * 3 - padding;
}

function upload(args: HandlerArgs) {
	const note = noteFromForm(args);
	const fileName = args.ctx.str('filename', { required: true, max: 255 }).trim();
	if (!FILE_NAME.test(fileName) || hasControlCharacters(fileName)) throw new PortalError(`Field 'filename' must be a plain file name without a path.`);
	const content = args.ctx.str('content', { required: true });
	if (content.length % 4 !== 0 || !BASE64.test(content)) throw new PortalError(`Field 'content' must be base64.`);
	const size = decodedSize(content);
	if (size > MAX_ATTACHMENT_BYTES) {
		throw new PortalError(`Field 'content': the file is ${size} bytes; attachments may be at most ${MAX_ATTACHMENT_BYTES} bytes (10 MB).`, 'FileTooLarge');
	}
	if (size === 0) throw new PortalError(`Field 'content': the file is empty.`);
	const id = attachFile(args.state, note, fileName, Buffer.from(content, 'base64'), args.now);
	const attachment = note.attachments.find((a) => a.id === id)!;
	return ok({ NoteId: note.id, AttachmentId: id, FileName: attachment.fileName, Size: attachment.sizeBytes, Sha256: attachment.sha256 });
}

const api = (verb: string) => `/app/notes/api/${verb}.aspx`;

export const NOTES_HANDLERS: PortalHandler[] = [
	{ name: 'notes/templates', path: api('listtemplates'), msg: 1, provenance: 'assumed', fields: 'notetype (optional)', answer: '`Templates[]`: ID, Name, NoteType, FormElementValues[]', handle: listTemplates },
	{ name: 'notes/list', path: api('listnotes'), msg: 2, provenance: 'assumed', fields: 'patientid, calendarentryid, clinicianid, notetype, status (any, draft, awaiting-supervisor, signed), page, sortparameter (dateofservice default; datesigned = when the note became fully signed, the supervisor\'s co-signature when there is one — assumed) — all optional', answer: '`Notes[]` (note metadata, no text; never psychotherapy notes), `PageCount`, `TotalCount`; 20 a page, newest first', handle: listNotes },
	{ name: 'notes/get', path: api('getnote'), msg: 3, provenance: 'confirmed', fields: 'notetype (4 = progress note), encryptednotevalues = JSON {NoteId, NoteRevision, CalendarEntryId, PatientId} (NoteId, or CalendarEntryId to open the appointment\'s note; the latest revision is always answered — assumed)', answer: '`Result` 1, `Form.Data.FormElementValues[]` {ElementId, Value} (10001 Signature: {SignatureType, SignerId, DateSigned} or null), IsSigned, IsLocked, NoteRevision, NoteStatus (Draft, AwaitingSupervisor, Signed), RequiresSupervisorApproval, SupervisorApproved, SupervisorId, NoteId, EncryptedNoteId, NoteType, PatientId, CalendarEntryId, ClinicianId, Diagnoses, ServiceCode, IsBillable, Addenda[], Attachments[] (metadata); a psychotherapy note only when notetype = 8 (shapes beyond the confirmed fields assumed)', handle: getNote },
	{ name: 'notes/listpsychotherapy', path: api('listpsychotherapynotes'), msg: 4, provenance: 'assumed', fields: 'patientid, page', answer: '`Notes[]` (psychotherapy notes only), `PageCount`, `TotalCount`', handle: listPsychotherapyNotes },
	{ name: 'notes/save', path: api('savenote'), msg: 9, provenance: 'confirmed', fields: 'savenoterequest = JSON {NoteId (-1 new), NoteType, PatientId, CalendarEntryId, TemplateId?, CopyFromNoteId?, FormData: {FormElementValues: [{ElementId, Value}]}, Diagnoses?, ServiceCode?, IsBillable} (fields beyond FormData and IsBillable assumed)', answer: '`Result`, `FormValidationResult {IsValid, Messages[]}`, NoteId, EncryptedNoteId, NoteRevision; invalid → `ErrorCode: ValidationFailed` with every message; signed or awaiting → `NoteLocked`; appointment already has a progress note → `NoteExists` with ExistingNoteId', handle: saveNote },
	{ name: 'notes/sign', path: api('signnote'), msg: 11, provenance: 'assumed', fields: 'noteid, notetype', answer: '`NoteStatus` Signed, or AwaitingSupervisor for a supervised clinician (a To-Do for the supervisor); locked either way', handle: sign },
	{ name: 'notes/cosign', path: api('approvenote'), msg: 12, provenance: 'assumed', fields: 'noteid, notetype', answer: 'supervisor approves and co-signs: `NoteStatus` Signed, SupervisorApproved; anyone else → `NotAllowed`', handle: cosign },
	{ name: 'notes/submit', path: api('submitforapproval'), msg: 13, provenance: 'assumed', fields: 'noteid, notetype', answer: 'a supervised clinician\'s draft → AwaitingSupervisor (locked); unsupervised → `NotSupervised`', handle: submit },
	{ name: 'notes/addendum', path: api('addaddendum'), msg: 14, provenance: 'assumed', fields: 'noteid, notetype, text (≤ 20,000 chars)', answer: '`AddendumId`, `AddendumCount`; only on signed notes, else `NoteNotSigned`', handle: addendum },
	{ name: 'notes/delete', path: api('deletenote'), msg: 15, provenance: 'assumed', fields: 'noteid, notetype', answer: '`Deleted`; only unsigned drafts, else `NoteLocked`', handle: remove },
	{ name: 'notes/upload', path: api('uploadattachment'), msg: 16, provenance: 'assumed', fields: 'noteid, notetype, filename, content (base64, ≤ 10 MB decoded)', answer: '`AttachmentId`, FileName, Size, Sha256; allowed on signed notes too, because attachments are not note content (only name, size and SHA-256 are kept); larger → `FileTooLarge`', handle: upload },
];
