import { z } from 'zod';

/** Domain types: defined once here, used by nodes and triggers. Dates are ISO 8601, money cents. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31');

export const patientSummarySchema = z.object({
	id: z.number().int().positive(),
	encryptedId: z.string().min(1),
	firstName: z.string(),
	middleName: z.string(),
	lastName: z.string(),
	dateOfBirth: isoDate,
	assignedClinicianIds: z.array(z.number().int()),
});

export const patientSchema = patientSummarySchema.extend({
	sex: z.enum(['M', 'F', 'U']),
	email: z.string(),
	phone: z.string(),
	address: z.object({ street: z.string(), city: z.string(), state: z.string(), zip: z.string() }),
	externalId: z.string().nullable(),
	status: z.enum(['active', 'inactive']),
	portalStatus: z.string(),
	sessionFeeCents: z.number().int().nonnegative(),
	feePolicyAcknowledged: z.boolean(),
});

export type PatientSummary = z.infer<typeof patientSummarySchema>;
export type Patient = z.infer<typeof patientSchema>;

/** A patient reference as users give it: the numeric ID or the EncryptedID. */
export const patientRefSchema = z.union([
	z.number().int().positive(),
	z.string().trim().regex(/^(\d{1,12}|[A-Za-z0-9_-]{16,22})$/, 'must be a numeric patient ID or an EncryptedID'),
]);
