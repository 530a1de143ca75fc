import { z } from 'zod';
import { noteTypeSchema } from './notes';
import { calendarDate } from './patient';

/** The practice's reference data. Clinicians carry no login, password or TOTP secret: the schema has no place for them. */
const address = z.object({ street: z.string(), city: z.string(), state: z.string(), zip: z.string() }).strict();

export const practiceClinicianSchema = z
	.object({
		id: z.number().int().positive(),
		firstName: z.string(),
		lastName: z.string(),
		name: z.string(),
		credentials: z.string(),
		npi: z.string(),
		supervisorId: z.number().int().positive().nullable(),
	})
	.strict();
export type PracticeClinician = z.infer<typeof practiceClinicianSchema>;

export const practiceServiceCodeSchema = z.object({ code: z.string().min(1), description: z.string(), defaultMinutes: z.number().int().nonnegative(), feeCents: z.number().int().nonnegative() }).strict();
export type PracticeServiceCode = z.infer<typeof practiceServiceCodeSchema>;

export const practiceLocationSchema = z
	.object({ id: z.number().int().positive(), name: z.string(), placeOfService: z.string().regex(/^\d{2}$/), isTelehealth: z.boolean(), address })
	.strict();
export type PracticeLocation = z.infer<typeof practiceLocationSchema>;

export const practicePayerSchema = z.object({ id: z.number().int().positive(), name: z.string(), electronicPayerId: z.string() }).strict();
export type PracticePayer = z.infer<typeof practicePayerSchema>;

export const practiceInfoSchema = z.object({ id: z.number().int().positive(), code: z.string(), name: z.string(), npi: z.string(), taxId: z.string(), address }).strict();
export type PracticeInfo = z.infer<typeof practiceInfoSchema>;

export const practiceNoteTemplateSchema = z
	.object({
		id: z.number().int().positive(),
		name: z.string(),
		noteType: z.union([noteTypeSchema, z.literal('other')]),
		/** The template's starting text per note element (subjective, plan, …). */
		content: z.record(z.string()),
	})
	.strict();
export type PracticeNoteTemplate = z.infer<typeof practiceNoteTemplateSchema>;

export const practiceTemplateFilterSchema = z.object({ noteType: noteTypeSchema.optional() }).strict();
export type PracticeTemplateFilter = z.infer<typeof practiceTemplateFilterSchema>;

export const todoItemSchema = z
	.object({
		type: z.string().min(1),
		title: z.string(),
		count: z.number().int().nonnegative(),
		recordKind: z.enum(['note', 'claim', 'era']),
		ids: z.array(z.number().int()),
		encryptedIds: z.array(z.string()),
	})
	.strict();
export const todoListSchema = z.object({ userId: z.number().int().positive(), items: z.array(todoItemSchema) }).strict();
export type TodoItem = z.infer<typeof todoItemSchema>;
export type TodoList = z.infer<typeof todoListSchema>;

/** One area of a healthcheck: never an exception, always a line. */
export interface HealthcheckArea {
	area: string;
	ok: boolean;
	ms: number;
	problem?: string;
}

export interface HealthcheckReport {
	ok: boolean;
	checkedAt: string;
	areas: HealthcheckArea[];
}

export const healthcheckOptionsSchema = z.object({ today: calendarDate.optional() }).strict();
export type HealthcheckOptions = z.infer<typeof healthcheckOptionsSchema>;
