import { createHash } from 'node:crypto';
import { PortalError } from '../http/portalError';
import type { SandboxState } from '../state';
import type { AuditEntry } from '../data/store';
import type { Appointment, Note, Patient, User } from '../data/types';
import { NOTE_TYPES } from '../data/types';
import { findNote } from './common';
import { ownValues, hasAnyText } from './notesText';
import { NOTE_STATUS_WIRE, noteSupervisorId, noteTypeName } from './notesWire';

/**
 * What happens to a note over its life: written as a draft, signed (and locked), approved by a
 * supervisor, amended by addenda. The portal handlers and the admin "act in the UI" calls share
 * these, so a test that signs a note through either path sees the same record.
 *
 * Every operation checks everything first and changes the record last, so a refusal leaves the
 * note (and the audit log) exactly as it was.
 */

type By = AuditEntry['by'];

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_TEXT_CHARS = 20_000;

/** Notes that document the session itself; one of them per appointment and patient. */
const SESSION_NOTE_TYPES = new Set<number>([NOTE_TYPES.ProgressNote, NOTE_TYPES.Intake]);

/** A refusal listing every problem, in the shape `savenote` answers validation with. */
export function formInvalid(messages: string[]): PortalError {
	return new PortalError(messages.join(' '), 'ValidationFailed', { FormValidationResult: { IsValid: false, Messages: messages } });
}

/** Signed and awaiting-approval notes are locked: the only way to add to them is an addendum. */
export function assertEditable(note: Note): void {
	if (note.status === 'draft') return;
	const why = note.status === 'signed' ? 'is signed and locked' : 'is awaiting supervisor approval and is locked';
	throw new PortalError(`Note ${note.id} ${why}. Signed notes cannot be changed; add an addendum instead.`, 'NoteLocked', {
		NoteId: note.id,
		NoteStatus: NOTE_STATUS_WIRE[note.status],
	});
}

export function assertAuthor(note: Note, user: User, verb: string): void {
	if (note.clinicianId !== user.id) throw new PortalError(`Only the note's clinician can ${verb} note ${note.id}.`, 'NotAllowed');
}

export function assertClinician(user: User, verb: string): void {
	if (!user.isClinician) throw new PortalError(`Only clinicians can ${verb}.`, 'NotAllowed');
}

/** The progress or intake note already written for this appointment and patient, if any. */
export function existingSessionNote(state: SandboxState, appointmentId: number, patientId: number, noteType: number): Note | undefined {
	if (!SESSION_NOTE_TYPES.has(noteType)) return undefined;
	for (const note of state.store.notes.values()) {
		if (note.appointmentId === appointmentId && note.patientId === patientId && SESSION_NOTE_TYPES.has(note.noteType)) return note;
	}
	return undefined;
}

export function assertNoSessionNote(state: SandboxState, appointmentId: number, patientId: number, noteType: number): void {
	const existing = existingSessionNote(state, appointmentId, patientId, noteType);
	if (!existing) return;
	throw new PortalError(`Appointment ${appointmentId} already has a ${noteTypeName(existing.noteType)} (note ${existing.id}); open that note instead.`, 'NoteExists', {
		ExistingNoteId: existing.id,
		ExistingEncryptedNoteId: existing.encryptedId,
	});
}

export interface NewNote {
	noteType: number;
	patient: Patient;
	appointment: Appointment | null;
	clinician: User;
	/** `null` keeps the generated placeholder text, as seeded notes do. */
	values: Record<number, string> | null;
	diagnoses: string[];
	serviceCode: string;
	isBillable: boolean;
}

export function insertNote(state: SandboxState, fields: NewNote, now: string, by: By): Note {
	if (fields.appointment) assertNoSessionNote(state, fields.appointment.id, fields.patient.id, fields.noteType);
	const id = state.store.nextId('note');
	const note: Note = {
		id,
		encryptedId: state.store.encryptedIdFor('note', id),
		noteType: fields.noteType,
		patientId: fields.patient.id,
		appointmentId: fields.appointment?.id ?? null,
		clinicianId: fields.clinician.id,
		revision: 1,
		status: 'draft',
		values: fields.values,
		diagnoses: fields.diagnoses,
		serviceCode: fields.serviceCode,
		isBillable: fields.isBillable,
		signedAt: null,
		signerId: null,
		supervisorSignedAt: null,
		supervisorId: fields.clinician.supervisorId,
		addenda: [],
		attachments: [],
		createdAt: now,
		updatedAt: now,
	};
	state.store.notes.set(id, note);
	state.store.record('create', 'note', id, now, by);
	return note;
}

function signingProblems(note: Note): string[] {
	const problems: string[] = [];
	if (!hasAnyText(ownValues(note))) problems.push(`Note ${note.id} has no text; fill in at least one section before signing.`);
	if (note.isBillable && note.diagnoses.length === 0) problems.push(`'Diagnoses' needs at least one ICD-10 code before a billable note can be signed.`);
	return problems;
}

/**
 * The clinician signs. A supervised clinician's signature does not finish the note: it waits,
 * locked, for the supervisor (and shows on the supervisor's To-Do list).
 */
export function signNote(state: SandboxState, note: Note, signer: User, now: string, by: By): Note {
	assertEditable(note);
	assertAuthor(note, signer, 'sign');
	const problems = signingProblems(note);
	if (problems.length) throw formInvalid(problems);
	const supervisorId = noteSupervisorId(state, note);
	note.status = supervisorId === null ? 'signed' : 'awaiting-supervisor';
	note.supervisorId = supervisorId;
	note.signerId = signer.id;
	note.signedAt = now;
	note.revision += 1;
	note.updatedAt = now;
	state.store.record(note.status === 'signed' ? 'sign' : 'submit-for-approval', 'note', note.id, now, by);
	return note;
}

/** The explicit "submit for approval" step: only a supervised clinician's draft can take it. */
export function submitForApproval(state: SandboxState, note: Note, clinician: User, now: string, by: By): Note {
	assertEditable(note);
	if (noteSupervisorId(state, note) === null) throw new PortalError(`Note ${note.id} does not need supervisor approval; sign it instead.`, 'NotSupervised');
	return signNote(state, note, clinician, now, by);
}

export function cosignNote(state: SandboxState, note: Note, supervisor: User, now: string, by: By): Note {
	if (note.status === 'signed') assertEditable(note);
	if (note.status !== 'awaiting-supervisor') throw new PortalError(`Note ${note.id} is not awaiting supervisor approval.`, 'NotAwaitingApproval');
	if (note.supervisorId !== supervisor.id) throw new PortalError(`Only the clinician's supervisor (user ${note.supervisorId}) can approve note ${note.id}.`, 'NotAllowed');
	note.status = 'signed';
	note.supervisorSignedAt = now;
	note.updatedAt = now;
	state.store.record('cosign', 'note', note.id, now, by);
	return note;
}

const nextLocalId = (items: { id: number }[]) => items.reduce((max, item) => Math.max(max, item.id), 0) + 1;

export function addAddendum(state: SandboxState, note: Note, author: User, text: string, now: string): number {
	assertClinician(author, 'add addenda');
	if (note.status !== 'signed') {
		const why = note.status === 'draft' ? 'is a draft; edit the note itself' : 'is awaiting supervisor approval; wait for the approval';
		throw new PortalError(`Addenda can be added only to signed notes: note ${note.id} ${why}.`, 'NoteNotSigned');
	}
	const id = nextLocalId(note.addenda);
	note.addenda.push({ id, text, authorId: author.id, createdAt: now });
	note.updatedAt = now;
	state.store.record('addendum', 'note', note.id, now);
	return id;
}

export function deleteNote(state: SandboxState, note: Note, user: User, now: string): void {
	assertEditable(note);
	assertAuthor(note, user, 'delete');
	state.store.notes.delete(note.id);
	state.store.record('delete', 'note', note.id, now);
}

/** Only the file's size, name and SHA-256 are kept: the sandbox never stores uploaded bytes. */
export function attachFile(state: SandboxState, note: Note, fileName: string, bytes: Buffer, now: string): number {
	const id = nextLocalId(note.attachments);
	const sha256 = createHash('sha256').update(bytes).digest('hex');
	note.attachments.push({ id, fileName, sizeBytes: bytes.length, sha256, uploadedAt: now });
	// Attachments are not note content, so they do not bump the revision of a locked note.
	note.updatedAt = now;
	state.store.record('attachment', 'note', note.id, now);
	return id;
}

/**
 * The note a request names, as that request may see it: a psychotherapy note stays invisible
 * (answered as not found) unless the caller names the psychotherapy type explicitly.
 */
export function visibleNote(state: SandboxState, ref: unknown, noteType: number | undefined, field = 'notetype'): Note {
	const note = findNote(state, ref);
	if (note.noteType === NOTE_TYPES.PsychotherapyNote && noteType !== NOTE_TYPES.PsychotherapyNote) {
		throw new PortalError('The note could not be found.', 'NotFound');
	}
	if (noteType !== undefined && noteType !== note.noteType) {
		throw new PortalError(`'${field}' ${noteType} does not match note ${note.id} (type ${note.noteType}).`);
	}
	return note;
}
