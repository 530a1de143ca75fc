import type { HandlerArgs } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { SandboxState } from '../state';
import type { Appointment, Note, Patient, User } from '../data/types';
import { NOTE_TYPES } from '../data/types';
import { asArray, asObject, findAppointment, findPatient, hasControlCharacters, saved, type Json } from './common';
import { EDITABLE_ELEMENT_IDS, elementLabel, ownValues } from './notesText';
import { assertAuthor, assertClinician, assertEditable, formInvalid, insertNote, MAX_TEXT_CHARS, visibleNote } from './notesLifecycle';

/**
 * `savenote.aspx?msg=9`: one request both creates (NoteId -1) and updates a draft. Problems with
 * the content are collected and answered together in `FormValidationResult`, each naming its
 * element or field; problems with the request itself (not JSON, unknown note) refuse at once.
 */

const WHERE = 'savenoterequest';
const MAX_DIAGNOSES = 12;
const ICD10 = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
const NOTE_TYPE_IDS = new Set<number>(Object.values(NOTE_TYPES));

/** Everything a save may change, validated; `undefined` means "leave as it is". */
interface NoteChanges {
	templateId?: number;
	copyFrom?: Note;
	/** Element id → new text; `null` clears the element. */
	elements: Map<number, string | null>;
	diagnoses?: string[];
	serviceCode?: string;
	isBillable?: boolean;
}

/** Reads an optional id that may be a number or an EncryptedID, refusing other shapes. */
function optRef(request: Json, key: string): string | number | undefined {
	const value = request[key];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' || typeof value === 'string') return value;
	throw new PortalError(`'${WHERE}.${key}' must be an ID or EncryptedID.`);
}

function readElements(request: Json, problems: string[]): Map<number, string | null> {
	const elements = new Map<number, string | null>();
	if (request.FormData === undefined || request.FormData === null) return elements;
	const formData = asObject(request.FormData, `${WHERE}.FormData`);
	const list = formData.FormElementValues === undefined ? [] : asArray(formData.FormElementValues, `${WHERE}.FormData.FormElementValues`);
	list.forEach((raw, index) => {
		const where = `FormData.FormElementValues[${index}]`;
		const entry = asObject(raw, `${WHERE}.${where}`);
		const id = entry.ElementId;
		if (typeof id !== 'number' || !EDITABLE_ELEMENT_IDS.includes(id)) {
			const hint = id === 10001 ? ' The signature is set by signing the note, not by saving it.' : '';
			problems.push(`'${where}.ElementId' ${JSON.stringify(id)} is not an editable element of this note.${hint}`);
			return;
		}
		const value = entry.Value;
		if (elements.has(id)) problems.push(`${elementLabel(id)} appears more than once.`);
		else if (value !== null && typeof value !== 'string') problems.push(`${elementLabel(id)} must be text.`);
		else if (value !== null && value.length > MAX_TEXT_CHARS) problems.push(`${elementLabel(id)} is longer than ${MAX_TEXT_CHARS} characters.`);
		else if (value !== null && hasControlCharacters(value)) problems.push(`${elementLabel(id)} contains control characters.`);
		else elements.set(id, value === '' ? null : value);
	});
	return elements;
}

function readDiagnoses(request: Json, problems: string[]): string[] | undefined {
	if (request.Diagnoses === undefined || request.Diagnoses === null) return undefined;
	const list = asArray(request.Diagnoses, `${WHERE}.Diagnoses`);
	if (list.length > MAX_DIAGNOSES) problems.push(`'Diagnoses' has ${list.length} codes; at most ${MAX_DIAGNOSES} are allowed.`);
	const codes: string[] = [];
	list.forEach((raw, index) => {
		const code = typeof raw === 'string' ? raw.trim().toUpperCase() : '';
		// The code itself is not echoed: refusals end up in callers' logs, and diagnoses stay out of logs.
		if (!ICD10.test(code)) problems.push(`'Diagnoses[${index}]' is not an ICD-10 code like F41.1.`);
		else if (codes.includes(code)) problems.push(`'Diagnoses[${index}]' repeats an earlier code.`);
		else codes.push(code);
	});
	return codes;
}

function readChanges(state: SandboxState, request: Json, noteType: number, patientId: number): NoteChanges {
	const problems: string[] = [];
	const elements = readElements(request, problems);
	const diagnoses = readDiagnoses(request, problems);
	const serviceCode = request.ServiceCode ?? undefined;
	if (serviceCode !== undefined && (typeof serviceCode !== 'string' || !state.store.serviceCodes.some((s) => s.code === serviceCode))) {
		problems.push(`'ServiceCode' ${JSON.stringify(serviceCode)} is not a service code of this practice.`);
	}
	const isBillable = request.IsBillable ?? undefined;
	if (isBillable !== undefined && typeof isBillable !== 'boolean') problems.push(`'IsBillable' must be true or false.`);
	if (isBillable === true && noteType === NOTE_TYPES.PsychotherapyNote) problems.push(`'IsBillable' must be false: psychotherapy notes are not billable.`);
	const templateRef = optRef(request, 'TemplateId');
	const copyRef = optRef(request, 'CopyFromNoteId');
	if (templateRef !== undefined && copyRef !== undefined) problems.push(`Use 'TemplateId' or 'CopyFromNoteId', not both.`);
	const template = templateRef === undefined ? undefined : state.store.noteTemplates.find((t) => t.id === Number(templateRef));
	if (templateRef !== undefined && template?.noteType !== noteType) problems.push(`'TemplateId' ${JSON.stringify(templateRef)} is not a template for note type ${noteType}.`);
	const copyFrom = copyRef === undefined ? undefined : copySource(state, copyRef, noteType, patientId, problems);
	if (problems.length) throw formInvalid(problems);
	return { templateId: template?.id, copyFrom, elements, diagnoses, serviceCode: serviceCode as string | undefined, isBillable: isBillable as boolean | undefined };
}

/** "Copy from previous note": the source must be the same patient's, and psychotherapy text never crosses into the record. */
function copySource(state: SandboxState, ref: string | number, noteType: number, patientId: number, problems: string[]): Note | undefined {
	const id = state.store.resolve('note', ref);
	const source = id === null ? undefined : state.store.notes.get(id);
	const crossesPsychotherapy = source && (source.noteType === NOTE_TYPES.PsychotherapyNote) !== (noteType === NOTE_TYPES.PsychotherapyNote);
	if (!source || source.patientId !== patientId || crossesPsychotherapy) {
		problems.push(`'CopyFromNoteId' ${JSON.stringify(ref)} is not a note of this patient that can be copied into this note type.`);
		return undefined;
	}
	return source;
}

/** The starting text (template, copied note, or the draft's own), with the request's elements laid over it. */
function composeValues(state: SandboxState, changes: NoteChanges, current: Record<number, string>): Record<number, string> {
	const template = state.store.noteTemplates.find((t) => t.id === changes.templateId);
	const base = template ? { ...template.values } : changes.copyFrom ? ownValues(changes.copyFrom) : current;
	for (const [id, value] of changes.elements) {
		if (value === null) delete base[id];
		else base[id] = value;
	}
	return base;
}

function readNoteType(request: Json): number {
	const noteType = request.NoteType;
	if (typeof noteType !== 'number' || !NOTE_TYPE_IDS.has(noteType)) throw new PortalError(`'${WHERE}.NoteType' must be one of ${[...NOTE_TYPE_IDS].join(', ')}.`);
	return noteType;
}

function resolveSession(state: SandboxState, request: Json, noteType: number, user: User): { patient: Patient; appointment: Appointment | null } {
	const patientRef = optRef(request, 'PatientId');
	if (patientRef === undefined) throw new PortalError(`'${WHERE}.PatientId' is required.`);
	const patient = findPatient(state, patientRef);
	const appointmentRef = optRef(request, 'CalendarEntryId');
	const needsAppointment = noteType === NOTE_TYPES.ProgressNote || noteType === NOTE_TYPES.Intake;
	if (appointmentRef === undefined || Number(appointmentRef) === -1) {
		if (needsAppointment) throw new PortalError(`'${WHERE}.CalendarEntryId' is required for this note type.`);
		return { patient, appointment: null };
	}
	const appointment = findAppointment(state, appointmentRef);
	if (!appointment.patientIds.includes(patient.id)) throw new PortalError(`'${WHERE}.CalendarEntryId' is not an appointment of this patient.`);
	if (appointment.clinicianId !== user.id) throw new PortalError(`'${WHERE}.CalendarEntryId' is on another clinician's calendar.`, 'NotAllowed');
	return { patient, appointment };
}

function createNote({ state, user, now }: HandlerArgs, request: Json, noteType: number) {
	assertClinician(user, 'write notes');
	const { patient, appointment } = resolveSession(state, request, noteType, user);
	const changes = readChanges(state, request, noteType, patient.id);
	const note = insertNote(
		state,
		{
			noteType,
			patient,
			appointment,
			clinician: user,
			values: composeValues(state, changes, {}),
			diagnoses: changes.diagnoses ?? [...(changes.copyFrom?.diagnoses ?? [])],
			serviceCode: changes.serviceCode ?? appointment?.serviceCode ?? '',
			isBillable: changes.isBillable ?? noteType !== NOTE_TYPES.PsychotherapyNote,
		},
		now,
		'portal',
	);
	return note;
}

function updateNote({ state, user, now }: HandlerArgs, request: Json, noteType: number, ref: string | number) {
	const note = visibleNote(state, ref, noteType, `${WHERE}.NoteType`);
	assertEditable(note);
	assertAuthor(note, user, 'edit');
	const patientRef = optRef(request, 'PatientId');
	if (patientRef !== undefined && state.store.resolve('patient', patientRef) !== note.patientId) throw new PortalError(`'${WHERE}.PatientId' does not match note ${note.id}; a note cannot move to another patient.`);
	const appointmentRef = optRef(request, 'CalendarEntryId');
	if (appointmentRef !== undefined && state.store.resolve('appointment', appointmentRef) !== note.appointmentId) throw new PortalError(`'${WHERE}.CalendarEntryId' does not match note ${note.id}; a note cannot move to another appointment.`);
	const changes = readChanges(state, request, noteType, note.patientId);
	note.values = composeValues(state, changes, ownValues(note));
	note.diagnoses = changes.diagnoses ?? note.diagnoses;
	note.serviceCode = changes.serviceCode ?? note.serviceCode;
	note.isBillable = changes.isBillable ?? note.isBillable;
	note.revision += 1;
	note.updatedAt = now;
	state.store.record('update', 'note', note.id, now);
	return note;
}

export function saveNote(args: HandlerArgs) {
	const request = asObject(args.ctx.json('savenoterequest'), WHERE);
	const noteType = readNoteType(request);
	const ref = optRef(request, 'NoteId') ?? -1;
	const note = Number(ref) === -1 ? createNote(args, request, noteType) : updateNote(args, request, noteType, ref);
	return saved(note.id, note.encryptedId, {
		FormValidationResult: { IsValid: true, Messages: [] },
		NoteId: note.id,
		EncryptedNoteId: note.encryptedId,
		NoteRevision: note.revision,
	});
}
