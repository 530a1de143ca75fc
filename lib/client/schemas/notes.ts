import { z } from 'zod';
import { TherapyNotesError } from '../../session/errors';
import { isoDate } from './patient';

/** Clinical notes as the domain sees them: ISO dates, named form sections, no wire ids. */
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a date and time like 2026-01-31T14:30');

export const NOTE_TEXT_FIELDS = ['subjective', 'objective', 'assessment', 'plan', 'interventions', 'diagnosisText', 'mentalStatus', 'riskAssessment', 'medications'] as const;
export type NoteTextField = (typeof NOTE_TEXT_FIELDS)[number];

/** Note types one can ask for. A psychotherapy note is read only when asked for by this type. */
export const noteTypeSchema = z.enum(['progressNote', 'intake', 'contactNote', 'treatmentPlan', 'termination', 'psychotherapyNote']);
export type NoteType = z.infer<typeof noteTypeSchema>;
export const noteStatusSchema = z.enum(['draft', 'awaitingSupervisor', 'signed']);
export type NoteStatus = z.infer<typeof noteStatusSchema>;

const id = z.number().int().positive();

export const noteSummarySchema = z.object({
	id,
	encryptedId: z.string().min(1),
	/** 'other' for a type this package does not know yet. */
	noteType: z.union([noteTypeSchema, z.literal('other')]),
	patientId: id,
	appointmentId: id.nullable(),
	clinicianId: id,
	dateOfService: isoDate,
	status: noteStatusSchema,
	revision: z.number().int().nonnegative(),
	locked: z.boolean(),
	signed: z.boolean(),
	signedAt: isoDateTime.nullable(),
	signerId: id.nullable(),
	requiresSupervisorApproval: z.boolean(),
	supervisorId: id.nullable(),
	supervisorApproved: z.boolean(),
	supervisorApprovedAt: isoDateTime.nullable(),
	diagnoses: z.array(z.string()),
	serviceCode: z.string(),
	billable: z.boolean(),
	addendaCount: z.number().int().nonnegative(),
	attachmentCount: z.number().int().nonnegative(),
	createdAt: isoDateTime,
	updatedAt: isoDateTime,
});
export type NoteSummary = z.infer<typeof noteSummarySchema>;

export const noteAttachmentSchema = z.object({ id, fileName: z.string(), sizeBytes: z.number().int().nonnegative(), sha256: z.string(), uploadedAt: isoDateTime });

export const noteSchema = noteSummarySchema.extend({
	content: z.object(Object.fromEntries(NOTE_TEXT_FIELDS.map((field) => [field, z.string().optional()])) as Record<NoteTextField, z.ZodOptional<z.ZodString>>),
	addenda: z.array(z.object({ id, text: z.string(), authorId: id, createdAt: isoDateTime })),
	attachments: z.array(noteAttachmentSchema),
});
export type ClinicalNote = z.infer<typeof noteSchema>;

/** How create ended: a new draft, the appointment's existing draft, or the draft a lost answer had made. */
export const createdNoteSchema = noteSchema.extend({ outcome: z.enum(['created', 'existingDraft', 'recovered']) });
export type CreatedNote = z.infer<typeof createdNoteSchema>;

export const noteStatusChangeSchema = z.object({ id, encryptedId: z.string().min(1), status: noteStatusSchema, revision: z.number().int(), signed: z.boolean(), locked: z.boolean() });
export type NoteStatusChange = z.infer<typeof noteStatusChangeSchema>;

export const addendumResultSchema = z.object({ noteId: id, addendumId: id, addendaCount: z.number().int().positive() });
export type AddendumResult = z.infer<typeof addendumResultSchema>;

export const attachmentResultSchema = z.object({ noteId: id, attachmentId: id, fileName: z.string(), sizeBytes: z.number().int().positive(), sha256: z.string() });
export type AttachmentResult = z.infer<typeof attachmentResultSchema>;

export const deletedNoteSchema = z.object({ id, deleted: z.literal(true) });
export type DeletedNote = z.infer<typeof deletedNoteSchema>;

// ---- Input -------------------------------------------------------------------------------

/** A note, appointment or patient reference as users give it: numeric ID or EncryptedID. */
const recordRefSchema = (what: string) => {
	const message = `must be a numeric ${what} ID or an EncryptedID`;
	return z
		.union([z.number().int(message).positive(message).max(999_999_999_999, message), z.string().trim().regex(/^((?!0+$)\d{1,12}|[A-Za-z0-9_-]{16,22})$/, message)], { errorMap: () => ({ message }) })
		.transform((value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value));
};
export const noteRefSchema = recordRefSchema('note');
export const noteAppointmentRefSchema = recordRefSchema('appointment');
export const notePatientRefSchema = recordRefSchema('patient');

export const NOTE_MAX_TEXT_CHARS = 20_000;
export const NOTE_MAX_DIAGNOSES = 12;
export const NOTE_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

// Tabs and line breaks are text; other control characters are refused by the portal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const noteText = z
	.string()
	.max(NOTE_MAX_TEXT_CHARS, `is longer than ${NOTE_MAX_TEXT_CHARS} characters`)
	.refine((value) => !CONTROL.test(value), 'contains control characters');

export const noteContentInputSchema = z
	.object(Object.fromEntries(NOTE_TEXT_FIELDS.map((field) => [field, noteText.optional()])) as Record<NoteTextField, z.ZodOptional<typeof noteText>>)
	.strict();
export type NoteContentInput = z.infer<typeof noteContentInputSchema>;

/** ICD-10-CM: a letter, two characters, optionally a dot and up to four more. Codes are never echoed in messages. */
const ICD10 = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;
export const noteDiagnosesSchema = z
	.array(z.string().trim().toUpperCase().regex(ICD10, 'is not an ICD-10 code like F41.1'))
	.max(NOTE_MAX_DIAGNOSES, `may hold at most ${NOTE_MAX_DIAGNOSES} ICD-10 codes`)
	.superRefine((codes, ctx) => {
		codes.forEach((code, index) => {
			if (codes.indexOf(code) !== index) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [index], message: 'repeats an earlier code' });
		});
	});

/** CPT (five digits) or HCPCS (a letter and four digits), as the practice's service codes are. */
const serviceCodeSchema = z.string().trim().regex(/^([0-9]{5}|[A-Z][0-9]{4})$/, 'must be a CPT code like 90834');

const noteOptions = { noteType: noteTypeSchema.default('progressNote') };
export const noteOptionsSchema = z.object(noteOptions).strict();
export type NoteOptions = z.input<typeof noteOptionsSchema>;

export const noteListParamsSchema = z
	.object({
		patientId: notePatientRefSchema.optional(),
		appointmentId: noteAppointmentRefSchema.optional(),
		clinicianId: id.optional(),
		status: noteStatusSchema.optional(),
		/** Off unless the caller explicitly asks; needs a patient (the portal lists them per patient). */
		includePsychotherapy: z.boolean().default(false),
		/** Undefined returns every matching note. */
		limit: z.number().int().positive('must be 1 or more').optional(),
	})
	.strict()
	.superRefine((params, ctx) => {
		if (!params.includePsychotherapy) return;
		if (params.patientId === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['patientId'], message: 'is required to include psychotherapy notes' });
		if (typeof params.appointmentId === 'string') ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['appointmentId'], message: 'must be the numeric appointment ID when psychotherapy notes are included' });
	});
export type NoteListParams = z.input<typeof noteListParamsSchema>;

export const createNoteInputSchema = z
	.object({
		patientId: notePatientRefSchema,
		appointmentId: noteAppointmentRefSchema,
		startFrom: z.enum(['blank', 'template', 'previousNote']).default('blank'),
		templateId: id.optional(),
		content: noteContentInputSchema.default({}),
		diagnoses: noteDiagnosesSchema.optional(),
		serviceCode: serviceCodeSchema.optional(),
		billable: z.boolean().default(true),
	})
	.strict()
	.superRefine((input, ctx) => {
		if (input.startFrom === 'template' && input.templateId === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['templateId'], message: 'is required to start from a template' });
		if (input.startFrom !== 'template' && input.templateId !== undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['templateId'], message: "is used only when startFrom is 'template'" });
	});
export type CreateNoteInput = z.input<typeof createNoteInputSchema>;

export const updateNoteInputSchema = z
	.object({ content: noteContentInputSchema.default({}), diagnoses: noteDiagnosesSchema.optional(), serviceCode: serviceCodeSchema.optional(), billable: z.boolean().optional() })
	.strict()
	.refine((changes) => Object.keys(changes.content).length > 0 || changes.diagnoses !== undefined || changes.serviceCode !== undefined || changes.billable !== undefined, 'must change at least one field');
export type UpdateNoteInput = z.input<typeof updateNoteInputSchema>;

export const addendumTextSchema = z.string().refine((value) => value.trim() !== '', 'cannot be blank').pipe(noteText);

export const attachmentInputSchema = z
	.object({
		fileName: z
			.string()
			.trim()
			.min(1, 'is required')
			.max(255, 'is longer than 255 characters')
			.regex(/^[^\\/:*?"<>|\u0000-\u001F]+$/, 'must be a plain file name without a path'), // eslint-disable-line no-control-regex
		content: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be the file’s bytes'),
	})
	.strict()
	.superRefine((file, ctx) => {
		if (file.content.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['content'], message: 'is an empty file' });
		if (file.content.length > NOTE_MAX_ATTACHMENT_BYTES) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['content'], message: `is ${file.content.length} bytes; attachments may be at most 10 MB (${NOTE_MAX_ATTACHMENT_BYTES} bytes)` });
		}
	});
export type AttachmentInput = z.input<typeof attachmentInputSchema>;

// ---- Errors (exported with the domain types) -----------------------------------------------

/** A signed or awaiting-supervisor note is never changed: checked before any change is sent. */
export class NoteLockedError extends TherapyNotesError {
	constructor(
		readonly noteId: number,
		readonly status: NoteStatus,
		verb: string,
	) {
		const why = status === 'signed' ? 'is signed and locked' : 'is awaiting supervisor approval and locked';
		super(`Note ${noteId} ${why}, so it cannot be ${verb}. Nothing was changed. Use the 'Add Addendum' operation to add to a signed note.`);
	}
}

/** The portal answers "not found" for psychotherapy notes unless they are asked for by type. */
export class NoteNotFoundError extends TherapyNotesError {
	constructor(
		readonly noteRef: string | number,
		askedType: NoteType,
	) {
		const hint = askedType === 'psychotherapyNote' ? '' : " Psychotherapy notes are kept apart from the record and are returned only when Note Type is 'Psychotherapy Note'.";
		super(`Note ${noteRef} was not found as a ${askedType === 'psychotherapyNote' ? 'psychotherapy note' : 'clinical record note'}.${hint}`);
	}
}
