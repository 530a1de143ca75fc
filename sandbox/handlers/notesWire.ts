import type { SandboxState } from '../state';
import type { Note, NoteStatus, NoteTemplate } from '../data/types';
import { NOTE_TYPES } from '../data/types';
import { FORM_ELEMENTS } from '../data/catalog';
import { toPortalDate, toPortalDateTime } from '../util/dates';
import { noteValues } from './notesText';

/** Note record → wire shapes (PascalCase, portal date formats), shared by handlers and pages. */

export const NOTE_STATUS_WIRE: Record<NoteStatus, string> = {
	draft: 'Draft',
	'awaiting-supervisor': 'AwaitingSupervisor',
	signed: 'Signed',
};

const TYPE_NAMES = new Map<number, string>(Object.entries(NOTE_TYPES).map(([name, id]) => [id, name]));

export function noteTypeName(noteType: number): string {
	return TYPE_NAMES.get(noteType) ?? 'Unknown';
}

/** Assumed: 1 marks the clinician's own electronic signature. */
const SIGNATURE_TYPE_CLINICIAN = 1;

/** The supervisor who must approve this note: fixed once signed, else the author's current one. */
export function noteSupervisorId(state: SandboxState, note: Note): number | null {
	if (note.supervisorId !== null || note.status !== 'draft') return note.supervisorId;
	return state.store.user(note.clinicianId)?.supervisorId ?? null;
}

/** The day the session took place: the appointment's, or the note's own for notes without one. */
export function dateOfService(state: SandboxState, note: Note): string {
	const appointment = note.appointmentId === null ? undefined : state.store.appointments.get(note.appointmentId);
	return (appointment?.start ?? note.createdAt).slice(0, 10);
}

const dateTimeOrNull = (value: string | null) => (value ? toPortalDateTime(value) : null);

/** The metadata every note answer carries; no form text, so lists stay small. */
export function noteSummary(state: SandboxState, note: Note) {
	const supervisorId = noteSupervisorId(state, note);
	return {
		NoteId: note.id,
		EncryptedNoteId: note.encryptedId,
		NoteType: note.noteType,
		NoteTypeName: noteTypeName(note.noteType),
		PatientId: note.patientId,
		PatientEncryptedId: state.store.patients.get(note.patientId)?.encryptedId ?? '',
		CalendarEntryId: note.appointmentId,
		ClinicianId: note.clinicianId,
		DateOfService: toPortalDate(dateOfService(state, note)),
		NoteRevision: note.revision,
		NoteStatus: NOTE_STATUS_WIRE[note.status],
		IsSigned: note.signerId !== null,
		IsLocked: note.status !== 'draft',
		SignerId: note.signerId,
		DateSigned: dateTimeOrNull(note.signedAt),
		RequiresSupervisorApproval: supervisorId !== null,
		SupervisorApproved: note.supervisorSignedAt !== null,
		SupervisorId: supervisorId,
		SupervisorSignedDate: dateTimeOrNull(note.supervisorSignedAt),
		Diagnoses: [...note.diagnoses],
		ServiceCode: note.serviceCode,
		IsBillable: note.isBillable,
		AddendumCount: note.addenda.length,
		AttachmentCount: note.attachments.length,
		CreatedDate: toPortalDateTime(note.createdAt),
		LastModifiedDate: toPortalDateTime(note.updatedAt),
	};
}

/** Form values as the portal's form engine exchanges them: one `{ElementId, Value}` per element. */
export function formElementValues(note: Note) {
	const values = noteValues(note);
	const elements: { ElementId: number; Value: unknown }[] = Object.entries(values)
		.map(([id, value]) => ({ ElementId: Number(id), Value: value as unknown }))
		.sort((a, b) => a.ElementId - b.ElementId);
	const signature = note.signerId === null ? null : { SignatureType: SIGNATURE_TYPE_CLINICIAN, SignerId: note.signerId, DateSigned: dateTimeOrNull(note.signedAt) };
	elements.unshift({ ElementId: FORM_ELEMENTS.Signature, Value: signature });
	return elements;
}

export function templateValues(values: Record<number, string>) {
	return Object.entries(values).map(([id, value]) => ({ ElementId: Number(id), Value: value }));
}

export function noteDetail(state: SandboxState, note: Note) {
	return {
		...noteSummary(state, note),
		Form: { Data: { FormElementValues: formElementValues(note) } },
		Addenda: note.addenda.map((a) => ({ ID: a.id, Text: a.text, AuthorId: a.authorId, DateCreated: toPortalDateTime(a.createdAt) })),
		Attachments: note.attachments.map((a) => ({ ID: a.id, FileName: a.fileName, Size: a.sizeBytes, Sha256: a.sha256, DateUploaded: toPortalDateTime(a.uploadedAt) })),
	};
}

export function templateWire(template: NoteTemplate) {
	return { ID: template.id, Name: template.name, NoteType: template.noteType, FormElementValues: templateValues(template.values) };
}
