import { z } from 'zod';
import { PortalChangedError } from '../session/errors';
import { wireDate, wireDateTime } from './wireTypes';
import { jsonCall, type Handler } from './call';

/**
 * Wire calls of the notes area (`/app/notes/api/*.aspx`). getnote and savenote, the form element
 * ids and the signature element are confirmed (PORTAL.md); the other handlers, the note type
 * numbers other than 4 and the fields beyond FormData/IsBillable are assumed, as the sandbox
 * README says, and are corrected here when the real portal is seen. Templates (listtemplates) are
 * read by the practice area (`practice.ts`), which serves the template pickers.
 */
const api = (verb: string, msg: number, operation: string): Handler => ({ operation, path: `/app/notes/api/${verb}.aspx`, msg });

export const NOTE_HANDLERS = {
	list: api('listnotes', 2, 'notes/list'),
	get: api('getnote', 3, 'notes/get'),
	listPsychotherapy: api('listpsychotherapynotes', 4, 'notes/listpsychotherapy'),
	save: api('savenote', 9, 'notes/save'),
	sign: api('signnote', 11, 'notes/sign'),
	cosign: api('approvenote', 12, 'notes/cosign'),
	submit: api('submitforapproval', 13, 'notes/submit'),
	addendum: api('addaddendum', 14, 'notes/addendum'),
	delete: api('deletenote', 15, 'notes/delete'),
	upload: api('uploadattachment', 16, 'notes/upload'),
} satisfies Record<string, Handler>;

/** Progress-note form elements (confirmed ids) under the names the domain uses. */
export const NOTE_ELEMENTS = {
	subjective: 13000,
	objective: 13001,
	assessment: 13002,
	plan: 13003,
	interventions: 13005,
	diagnosisText: 13009,
	mentalStatus: 13010,
	riskAssessment: 13011,
	medications: 13014,
} as const;
const SIGNATURE_ELEMENT = 10001;

export type NoteElementName = keyof typeof NOTE_ELEMENTS;
export type NoteContent = Partial<Record<NoteElementName, string>>;

/** 4 is confirmed; the others are the sandbox's assumption. */
export const NOTE_TYPE_IDS = { intake: 1, progressNote: 4, psychotherapyNote: 8, contactNote: 9, treatmentPlan: 10, termination: 11 } as const;
export type NoteTypeName = keyof typeof NOTE_TYPE_IDS;
const TYPE_BY_ID = new Map<number, NoteTypeName>(Object.entries(NOTE_TYPE_IDS).map(([name, id]) => [id, name as NoteTypeName]));

const STATUS_FROM_WIRE = { Draft: 'draft', AwaitingSupervisor: 'awaitingSupervisor', Signed: 'signed' } as const;
export type NoteStatusName = (typeof STATUS_FROM_WIRE)[keyof typeof STATUS_FROM_WIRE];
const STATUS_TO_LIST_FILTER: Record<NoteStatusName, string> = { draft: 'draft', awaitingSupervisor: 'awaiting-supervisor', signed: 'signed' };

const id = z.number().int();
const wireStatus = z.enum(['Draft', 'AwaitingSupervisor', 'Signed']).transform((s) => STATUS_FROM_WIRE[s]);

const summarySchema = z.object({
	NoteId: id,
	EncryptedNoteId: z.string().min(1),
	NoteType: id,
	PatientId: id,
	PatientEncryptedId: z.string().optional(),
	CalendarEntryId: id.nullable(),
	ClinicianId: id,
	DateOfService: wireDate,
	NoteRevision: id,
	NoteStatus: wireStatus,
	IsSigned: z.boolean(),
	IsLocked: z.boolean(),
	SignerId: id.nullable(),
	DateSigned: wireDateTime.nullable(),
	RequiresSupervisorApproval: z.boolean(),
	SupervisorApproved: z.boolean(),
	SupervisorId: id.nullable(),
	SupervisorSignedDate: wireDateTime.nullable(),
	Diagnoses: z.array(z.string()),
	ServiceCode: z.string().nullable(),
	IsBillable: z.boolean(),
	AddendumCount: id,
	AttachmentCount: id,
	CreatedDate: wireDateTime,
	LastModifiedDate: wireDateTime,
});
type WireSummary = z.infer<typeof summarySchema>;

function mapSummary(n: WireSummary) {
	return {
		id: n.NoteId,
		encryptedId: n.EncryptedNoteId,
		noteType: TYPE_BY_ID.get(n.NoteType) ?? ('other' as const),
		patientId: n.PatientId,
		appointmentId: n.CalendarEntryId,
		clinicianId: n.ClinicianId,
		dateOfService: n.DateOfService,
		status: n.NoteStatus,
		revision: n.NoteRevision,
		locked: n.IsLocked,
		signed: n.IsSigned,
		signedAt: n.DateSigned,
		signerId: n.SignerId,
		requiresSupervisorApproval: n.RequiresSupervisorApproval,
		supervisorId: n.SupervisorId,
		supervisorApproved: n.SupervisorApproved,
		supervisorApprovedAt: n.SupervisorSignedDate,
		diagnoses: n.Diagnoses,
		serviceCode: n.ServiceCode ?? '',
		billable: n.IsBillable,
		addendaCount: n.AddendumCount,
		attachmentCount: n.AttachmentCount,
		createdAt: n.CreatedDate,
		updatedAt: n.LastModifiedDate,
	};
}

const signatureSchema = z.object({ SignatureType: id, SignerId: id, DateSigned: wireDateTime.nullable() }).nullable();
const elementSchema = z.object({ ElementId: id, Value: z.unknown() });

const detailSchema = summarySchema.extend({
	Result: z.literal(1),
	Form: z.object({ Data: z.object({ FormElementValues: z.array(elementSchema) }) }),
	Addenda: z.array(z.object({ ID: id, Text: z.string(), AuthorId: id, DateCreated: wireDateTime })),
	Attachments: z.array(z.object({ ID: id, FileName: z.string(), Size: id, Sha256: z.string(), DateUploaded: wireDateTime })),
});

/** The form's text elements by name; other elements of the real form are ignored, not guessed at. */
function mapContent(elements: z.infer<typeof elementSchema>[]): NoteContent {
	const content: NoteContent = {};
	for (const [name, elementId] of Object.entries(NOTE_ELEMENTS) as [NoteElementName, number][]) {
		const value = elements.find((e) => e.ElementId === elementId)?.Value;
		if (value === undefined || value === null || value === '') continue;
		if (typeof value !== 'string') throw new PortalChangedError(NOTE_HANDLERS.get.operation, `Form.Data.FormElementValues[${elementId}].Value`, 'not text');
		content[name] = value;
	}
	return content;
}

function mapDetail(n: z.infer<typeof detailSchema>) {
	const raw = n.Form.Data.FormElementValues.find((e) => e.ElementId === SIGNATURE_ELEMENT)?.Value ?? null;
	const signature = signatureSchema.safeParse(raw);
	if (!signature.success) throw new PortalChangedError(NOTE_HANDLERS.get.operation, `Form.Data.FormElementValues[${SIGNATURE_ELEMENT}]`, signature.error.issues[0].message);
	const summary = mapSummary(n);
	return {
		...summary,
		// The signature element is the confirmed source; the flat fields are the fallback.
		signerId: signature.data?.SignerId ?? summary.signerId,
		signedAt: signature.data?.DateSigned ?? summary.signedAt,
		content: mapContent(n.Form.Data.FormElementValues),
		addenda: n.Addenda.map((a) => ({ id: a.ID, text: a.Text, authorId: a.AuthorId, createdAt: a.DateCreated })),
		attachments: n.Attachments.map((a) => ({ id: a.ID, fileName: a.FileName, sizeBytes: a.Size, sha256: a.Sha256, uploadedAt: a.DateUploaded })),
	};
}

export type NoteRef = string | number;

const pageSchema = z.object({ Notes: z.array(summarySchema), PageCount: id, TotalCount: id });
const mapPage = (answer: z.infer<typeof pageSchema>) => ({ notes: answer.Notes.map(mapSummary), pageCount: answer.PageCount, totalCount: answer.TotalCount });

export interface ListFilter {
	patientId?: NoteRef;
	appointmentId?: NoteRef;
	clinicianId?: number;
	status?: NoteStatusName;
}

/** Every note except psychotherapy notes (the portal keeps those to their own list), 20 a page. */
export function listNotes(filter: ListFilter, page: number) {
	const form: Record<string, string> = { page: String(page), status: filter.status ? STATUS_TO_LIST_FILTER[filter.status] : 'any' };
	if (filter.patientId !== undefined) form.patientid = String(filter.patientId);
	if (filter.appointmentId !== undefined) form.calendarentryid = String(filter.appointmentId);
	if (filter.clinicianId !== undefined) form.clinicianid = String(filter.clinicianId);
	return jsonCall(NOTE_HANDLERS.list, form, pageSchema, mapPage, { idempotent: true, ids: [filter.patientId ?? filter.appointmentId ?? 'all'] });
}

export function listPsychotherapyNotes(patientId: NoteRef, page: number) {
	return jsonCall(NOTE_HANDLERS.listPsychotherapy, { patientid: String(patientId), page: String(page) }, pageSchema, mapPage, { idempotent: true, ids: [patientId] });
}

function openNote(values: { NoteId: NoteRef; CalendarEntryId: NoteRef; PatientId: NoteRef }, noteType: NoteTypeName, ids: NoteRef[]) {
	const form = { notetype: String(NOTE_TYPE_IDS[noteType]), encryptednotevalues: JSON.stringify({ ...values, NoteRevision: 0 }) };
	return jsonCall(NOTE_HANDLERS.get, form, detailSchema, mapDetail, { idempotent: true, ids });
}

/** The latest revision of a note; a psychotherapy note only when `noteType` names that type. */
export function getNote(ref: NoteRef, noteType: NoteTypeName) {
	return openNote({ NoteId: ref, CalendarEntryId: -1, PatientId: -1 }, noteType, [ref]);
}

/** The note of an appointment, as opening it from the calendar does. */
export function getAppointmentNote(appointmentId: NoteRef, patientId: NoteRef, noteType: NoteTypeName) {
	return openNote({ NoteId: -1, CalendarEntryId: appointmentId, PatientId: patientId }, noteType, [appointmentId]);
}

export interface SaveNoteRequest {
	/** Absent for a new note. */
	noteId?: NoteRef;
	noteType: NoteTypeName;
	patientId?: NoteRef;
	appointmentId?: NoteRef;
	templateId?: number;
	copyFromNoteId?: number;
	/** Only the elements to write; '' clears one. */
	content: NoteContent;
	diagnoses?: string[];
	serviceCode?: string;
	billable?: boolean;
}

const savedSchema = z.object({ Result: z.literal(1), FormValidationResult: z.object({ IsValid: z.literal(true) }), NoteId: id, EncryptedNoteId: z.string().min(1), NoteRevision: id });

/**
 * savenote creates (NoteId -1) and updates. A create is not idempotent (the caller recovers a lost
 * answer by looking the appointment's note up); an update writes the same values again, so the
 * caller may mark it idempotent. Either way it is audited as a write.
 */
export function saveNote(request: SaveNoteRequest, options: { idempotent: boolean }) {
	const body = {
		NoteId: request.noteId ?? -1,
		NoteType: NOTE_TYPE_IDS[request.noteType],
		PatientId: request.patientId,
		CalendarEntryId: request.appointmentId,
		TemplateId: request.templateId,
		CopyFromNoteId: request.copyFromNoteId,
		FormData: { FormElementValues: Object.entries(request.content).map(([name, value]) => ({ ElementId: NOTE_ELEMENTS[name as NoteElementName], Value: value })) },
		Diagnoses: request.diagnoses,
		ServiceCode: request.serviceCode,
		IsBillable: request.billable,
	};
	const call = jsonCall(NOTE_HANDLERS.save, { savenoterequest: JSON.stringify(body) }, savedSchema, (a) => ({ id: a.NoteId, encryptedId: a.EncryptedNoteId, revision: a.NoteRevision }), {
		idempotent: options.idempotent,
		ids: [request.noteId ?? request.appointmentId ?? -1],
	});
	return { ...call, kind: 'write' as const };
}

const statusSchema = z.object({ NoteId: id, EncryptedNoteId: z.string().min(1), NoteStatus: wireStatus, NoteRevision: id, IsSigned: z.boolean(), IsLocked: z.boolean() });
const mapStatus = (a: z.infer<typeof statusSchema>) => ({ id: a.NoteId, encryptedId: a.EncryptedNoteId, status: a.NoteStatus, revision: a.NoteRevision, signed: a.IsSigned, locked: a.IsLocked });

function noteAction<S extends z.ZodTypeAny, T>(handler: Handler, ref: NoteRef, noteType: NoteTypeName, extra: Record<string, string>, schema: S, map: (answer: z.infer<S>) => T) {
	const form = { noteid: String(ref), notetype: String(NOTE_TYPE_IDS[noteType]), ...extra };
	return jsonCall(handler, form, schema, map, { idempotent: false, ids: [ref] });
}

/** The clinician signs: Signed, or AwaitingSupervisor for a supervised clinician; locked either way. */
export const signNote = (ref: NoteRef, noteType: NoteTypeName) => noteAction(NOTE_HANDLERS.sign, ref, noteType, {}, statusSchema, mapStatus);
export const submitNote = (ref: NoteRef, noteType: NoteTypeName) => noteAction(NOTE_HANDLERS.submit, ref, noteType, {}, statusSchema, mapStatus);
export const cosignNote = (ref: NoteRef, noteType: NoteTypeName) => noteAction(NOTE_HANDLERS.cosign, ref, noteType, {}, statusSchema, mapStatus);

export const addAddendum = (ref: NoteRef, noteType: NoteTypeName, text: string) =>
	noteAction(NOTE_HANDLERS.addendum, ref, noteType, { text }, z.object({ NoteId: id, AddendumId: id, AddendumCount: id }), (a) => ({
		noteId: a.NoteId,
		addendumId: a.AddendumId,
		addendaCount: a.AddendumCount,
	}));

export const deleteNote = (ref: NoteRef, noteType: NoteTypeName) =>
	noteAction(NOTE_HANDLERS.delete, ref, noteType, {}, z.object({ NoteId: id, Deleted: z.literal(true) }), (a) => ({ id: a.NoteId, deleted: a.Deleted }));

/** `content` is the file as base64; the portal keeps name, size and SHA-256 as metadata. */
export const uploadAttachment = (ref: NoteRef, noteType: NoteTypeName, fileName: string, content: string) =>
	noteAction(
		NOTE_HANDLERS.upload,
		ref,
		noteType,
		{ filename: fileName, content },
		z.object({ NoteId: id, AttachmentId: id, FileName: z.string(), Size: id, Sha256: z.string() }),
		(a) => ({ noteId: a.NoteId, attachmentId: a.AttachmentId, fileName: a.FileName, sizeBytes: a.Size, sha256: a.Sha256 }),
	);
