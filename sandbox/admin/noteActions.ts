import type { AdminAction } from './actions';
import { AdminInputError, need, numberField } from './actions';
import type { SandboxState } from '../state';
import type { Note } from '../data/types';
import { APPOINTMENT_STATUS, NOTE_TYPES } from '../data/types';
import { DIAGNOSES } from '../data/catalog';
import { findAppointment, findNote, findPatient } from '../handlers/common';
import { cosignNote, insertNote, signNote } from '../handlers/notesLifecycle';
import { NOTE_STATUS_WIRE } from '../handlers/notesWire';

/** A clinician working in the notes UI: writing, signing and approving notes, as tests need them. */

function outcome(note: Note) {
	return { id: note.id, encryptedId: note.encryptedId, status: note.status, wireStatus: NOTE_STATUS_WIRE[note.status], revision: note.revision, supervisorId: note.supervisorId };
}

function noteAuthor(state: SandboxState, note: Note) {
	return need(state.store.user(note.clinicianId), 'noteId', "names a note whose clinician no longer exists");
}

/** The note's own clinician signs; a supervised clinician's note then waits for the supervisor. */
const noteSign: AdminAction = (state, body, now) => {
	const note = findNote(state, numberField(body, 'noteId'));
	return outcome(signNote(state, note, noteAuthor(state, note), now, 'admin'));
};

/** The supervisor named on the note approves and co-signs it. */
const noteCosign: AdminAction = (state, body, now) => {
	const note = findNote(state, numberField(body, 'noteId'));
	const supervisor = need(note.supervisorId === null ? undefined : state.store.user(note.supervisorId), 'noteId', 'names a note without a supervisor');
	return outcome(cosignNote(state, note, supervisor, now, 'admin'));
};

/** The codes the patient's latest note used, so a new note reads like the ones before it. */
function carriedDiagnoses(state: SandboxState, patientId: number, seed: number): string[] {
	let latest: Note | undefined;
	for (const note of state.store.notes.values()) {
		if (note.patientId === patientId && note.noteType !== NOTE_TYPES.PsychotherapyNote && note.diagnoses.length && (!latest || note.id > latest.id)) latest = note;
	}
	return latest ? [...latest.diagnoses] : [DIAGNOSES[seed % DIAGNOSES.length]];
}

/** The appointment's clinician writes a progress note (placeholder text) for a completed session. */
const noteCreate: AdminAction = (state, body, now) => {
	const appointment = findAppointment(state, numberField(body, 'appointmentId'));
	if (appointment.status !== APPOINTMENT_STATUS.Show) throw new AdminInputError('appointmentId must name an appointment marked Show (status 1)');
	const patient = findPatient(state, body.patientId === undefined ? appointment.patientIds[0] : numberField(body, 'patientId'));
	if (!appointment.patientIds.includes(patient.id)) throw new AdminInputError('patientId is not on this appointment');
	const clinician = need(state.store.user(appointment.clinicianId), 'appointmentId', 'names an appointment without a clinician');
	const note = insertNote(
		state,
		{
			noteType: NOTE_TYPES.ProgressNote,
			patient,
			appointment,
			clinician,
			values: null,
			diagnoses: carriedDiagnoses(state, patient.id, appointment.id),
			serviceCode: appointment.serviceCode,
			isBillable: true,
		},
		now,
		'admin',
	);
	if (body.sign === true) signNote(state, note, clinician, now, 'admin');
	return outcome(note);
};

export const NOTE_ACTIONS: Record<string, AdminAction> = {
	'note-sign': noteSign,
	'note-cosign': noteCosign,
	'note-create': noteCreate,
};
