import { z } from 'zod';

/** Domain types: defined once here, used by nodes and triggers. Dates are ISO 8601, money cents. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31');

/** An ISO date that exists on the calendar (2026-02-30 does not). */
export const calendarDate = isoDate.refine((value) => {
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}, 'is not a real date');

/** Tabs and line breaks aside, control characters are refused by the portal: refuse them first. */
export const plainText = (max: number) =>
	z
		.string()
		.max(max, `is longer than ${max} characters`)
		// eslint-disable-next-line no-control-regex -- the point is to find control characters
		.refine((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value), 'contains control characters');

export const moneyCents = z.number().int('must be whole cents').min(0, 'cannot be negative').max(10_000_000, 'is more than 100,000.00');

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
	// At most 12 digits either way: a longer number is no portal ID, and must not be sent as one.
	z.number().int().positive().max(999_999_999_999, 'must be a numeric patient ID or an EncryptedID'),
	z.string().trim().regex(/^((?!0+$)\d{1,12}|[A-Za-z0-9_-]{16,22})$/, 'must be a numeric patient ID or an EncryptedID'),
]);

export const patientListRowSchema = patientSummarySchema.extend({ insuranceProvider: z.string() });
export type PatientListRow = z.infer<typeof patientListRowSchema>;

export const patientListOptionsSchema = z
	.object({
		status: z.enum(['active', 'inactive', 'any']).default('active'),
		clinicianId: z.number().int().positive().optional(),
		name: plainText(100).optional(),
		/** At most this many rows; absent means every page. */
		limit: z.number().int().positive().optional(),
	})
	.strict();
export type PatientListOptions = z.input<typeof patientListOptionsSchema>;

const name = plainText(100).refine((value) => value.trim() !== '', 'cannot be blank');
const dateOfBirth = calendarDate.refine((value) => value <= new Date().toISOString().slice(0, 10), 'cannot be in the future');
const addressPart = plainText(100);

/** Every patient field a caller may set; used whole for create, partially for update. */
const patientFieldShape = {
	firstName: name,
	middleName: plainText(100),
	lastName: name,
	dateOfBirth,
	sex: z.enum(['M', 'F', 'U']),
	email: plainText(200).refine((value) => value === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value), 'is not a valid email address'),
	phone: plainText(30),
	address: z.object({ street: addressPart, city: addressPart, state: addressPart, zip: addressPart }).partial().strict(),
	externalId: plainText(64).refine((value) => value.trim() !== '', 'cannot be blank'),
	status: z.enum(['active', 'inactive']),
	assignedClinicianId: z.number().int().positive(),
	sessionFeeCents: moneyCents,
};

export const newPatientSchema = z
	.object(patientFieldShape)
	.partial()
	.required({ firstName: true, lastName: true, dateOfBirth: true })
	.strict();
export type NewPatient = z.infer<typeof newPatientSchema>;

/** An update names only the fields that change; `externalId: null` clears it. */
export const patientUpdateSchema = z
	.object({ ...patientFieldShape, externalId: patientFieldShape.externalId.nullable() })
	.partial()
	.strict()
	.refine((fields) => Object.values(fields).some((value) => value !== undefined), 'has no field to change');
export type PatientUpdate = z.infer<typeof patientUpdateSchema>;

export const patientUpsertSchema = z.object(patientFieldShape).partial().required({ firstName: true, lastName: true, dateOfBirth: true, externalId: true }).strict();
export type PatientUpsert = z.infer<typeof patientUpsertSchema>;

export interface PatientWriteResult {
	action: 'created' | 'updated';
	patient: Patient;
}

export const policyPrioritySchema = z.enum(['primary', 'secondary', 'tertiary']);

export const insurancePolicySchema = z.object({
	id: z.number().int().positive(),
	patientId: z.number().int().positive(),
	priority: policyPrioritySchema,
	payerId: z.number().int(),
	payerName: z.string(),
	electronicPayerId: z.string(),
	memberId: z.string(),
	groupNumber: z.string(),
	copayCents: z.number().int().nonnegative(),
	startDate: isoDate,
	endDate: isoDate.nullable(),
	relationship: z.string(),
});
export type InsurancePolicy = z.infer<typeof insurancePolicySchema>;

export const insurancePolicyInputSchema = z
	.object({
		priority: policyPrioritySchema,
		payerId: z.number().int().positive(),
		memberId: plainText(40).refine((value) => value.trim() !== '', 'cannot be blank'),
		groupNumber: plainText(40).optional(),
		copayCents: moneyCents.optional(),
		startDate: calendarDate.optional(),
		endDate: calendarDate.optional(),
	})
	.strict()
	.refine((p) => !p.startDate || !p.endDate || p.endDate >= p.startDate, { message: 'cannot be before the start date', path: ['endDate'] });
export type InsurancePolicyInput = z.infer<typeof insurancePolicyInputSchema>;

export interface PolicyWriteResult {
	action: 'created' | 'updated';
	policy: InsurancePolicy;
}

export const patientPortalStatusSchema = z.object({
	patientId: z.number().int().positive(),
	encryptedId: z.string().min(1),
	portalStatus: z.enum(['NotInvited', 'Invited', 'Active']),
	portalUserId: z.number().int().nullable(),
	/** Practice-local "YYYY-MM-DDTHH:mm", as the portal shows it. */
	invitedAt: z.string().nullable(),
});
export type PatientPortalStatus = z.infer<typeof patientPortalStatusSchema>;
