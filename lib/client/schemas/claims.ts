import { z } from 'zod';

/** Claims as the domain sees them: ISO dates, money in integer cents, camelCase statuses. */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-01-31');
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a date-time like 2026-01-31T14:30');
const cents = z.number().int();

export const claimStatusSchema = z.enum(['created', 'submitted', 'accepted', 'pendingResubmit', 'paid', 'denied']);
export const claimFrequencySchema = z.enum(['1', '7', '8']);

export const claimSummarySchema = z.object({
	id: z.number().int().positive(),
	encryptedId: z.string().min(1),
	status: claimStatusSchema,
	patientId: z.number().int(),
	patientEncryptedId: z.string(),
	patientName: z.string(),
	appointmentId: z.number().int(),
	appointmentEncryptedId: z.string(),
	payerId: z.number().int(),
	payerName: z.string(),
	dateOfService: isoDay,
	serviceCode: z.string(),
	chargeCents: cents.nonnegative(),
	paidCents: cents,
	patientResponsibilityCents: cents,
	frequency: claimFrequencySchema,
	payerClaimNumber: z.string().nullable(),
	/** Why the clearinghouse or payer rejected it (e.g. "A7:562"); empty unless PendingResubmit. */
	rejectionCodes: z.array(z.string()),
	eraId: z.number().int().nullable(),
	createdAt: isoDateTime,
	updatedAt: isoDateTime,
	submittedAt: isoDateTime.nullable(),
});

const address = z.object({ street: z.string(), city: z.string(), state: z.string(), zip: z.string() });
const person = z.object({ firstName: z.string(), middleName: z.string(), lastName: z.string(), dateOfBirth: z.string(), sex: z.enum(['M', 'F', 'U']), address });

export const claimServiceLineSchema = z.object({
	lineNumber: z.number().int(),
	lineControlNumber: z.string(),
	serviceCode: z.string(),
	modifiers: z.array(z.string()),
	units: z.number().int(),
	chargeCents: cents.nonnegative(),
	serviceDate: isoDay,
	diagnosisPointers: z.array(z.number().int()),
});

/** Everything an 837P needs, as claims/get answers it. */
export const claimSchema = claimSummarySchema.extend({
	patientControlNumber: z.string(),
	noteId: z.number().int().nullable(),
	billingProvider: z.object({ name: z.string(), npi: z.string(), taxId: z.string(), address }),
	renderingProvider: z.object({ id: z.number().int().nullable(), firstName: z.string(), lastName: z.string(), npi: z.string(), credentials: z.string() }),
	payer: z.object({ id: z.number().int(), name: z.string(), electronicPayerId: z.string() }),
	subscriber: person.extend({ memberId: z.string(), groupNumber: z.string(), relationship: z.string(), policyPriority: z.number().int() }),
	patient: person.extend({ id: z.number().int(), encryptedId: z.string() }),
	placeOfService: z.string(),
	serviceFacility: z.object({ name: z.string(), address }).nullable(),
	diagnoses: z.array(z.string()),
	serviceLines: z.array(claimServiceLineSchema),
});

/** What claims/get adds up to for a status check: no patient data. */
export const claimStatusReportSchema = claimSummarySchema.pick({
	id: true,
	encryptedId: true,
	status: true,
	rejectionCodes: true,
	frequency: true,
	payerClaimNumber: true,
	chargeCents: true,
	paidCents: true,
	patientResponsibilityCents: true,
	eraId: true,
	updatedAt: true,
	submittedAt: true,
});

/** The 837P built from a claim; `text` is null (and `problems` says why) when it cannot be built. */
export const claimFileSchema = z.object({
	claimId: z.number().int(),
	fileName: z.string(),
	frequency: claimFrequencySchema,
	interchangeControlNumber: z.number().int(),
	valid: z.boolean(),
	problems: z.array(z.string()),
	text: z.string().nullable(),
});

export const claimCreateResultSchema = z.object({
	claim: claimSchema,
	/** The portal already had a claim for the appointment (DuplicateClaim): that claim is returned. */
	alreadyExisted: z.boolean(),
	/** The create's answer was lost; the claim was found by looking the appointment up. */
	recovered: z.boolean(),
	x12: claimFileSchema,
});

export const claimMovedSchema = z.object({ id: z.number().int(), encryptedId: z.string(), status: claimStatusSchema });

export const claimSubmitResultSchema = z.object({ claims: z.array(claimMovedSchema), recovered: z.boolean() });

export const claimResubmitResultSchema = z.object({ claim: claimSchema, recovered: z.boolean(), x12: claimFileSchema });

export type ClaimStatus = z.infer<typeof claimStatusSchema>;
export type ClaimSummary = z.infer<typeof claimSummarySchema>;
export type Claim = z.infer<typeof claimSchema>;
export type ClaimStatusReport = z.infer<typeof claimStatusReportSchema>;
export type ClaimFile = z.infer<typeof claimFileSchema>;
export type ClaimCreateResult = z.infer<typeof claimCreateResultSchema>;
export type ClaimSubmitResult = z.infer<typeof claimSubmitResultSchema>;
export type ClaimResubmitResult = z.infer<typeof claimResubmitResultSchema>;

// ---- Input ----

/** A record reference as users give it: the numeric ID or the EncryptedID (numeric text becomes a number). */
export function claimRecordRefSchema(noun: string) {
	const message = `must be a numeric ${noun} ID or an EncryptedID`;
	return z.union([z.number(), z.string()], { errorMap: () => ({ message }) }).transform((value, ctx): number | string => {
		const text = String(value).trim();
		const ok = typeof value === 'number' ? Number.isSafeInteger(value) && value > 0 && value <= 999_999_999_999 : /^((?!0+$)\d{1,12}|[A-Za-z0-9_-]{16,22})$/.test(text);
		if (!ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
		return /^\d+$/.test(text) ? Number(text) : text;
	});
}

export const claimRefSchema = claimRecordRefSchema('claim');

/** An ISO calendar day that exists (2026-02-30 does not). */
export const claimCalendarDaySchema = isoDay.refine((v) => {
	const day = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === v;
}, 'is not a calendar date');

/** Refines a from/to pair: the end may not come before the start (named by `toField`). */
export function claimDateRangeCheck<T extends Record<string, unknown>>(fromField: keyof T & string, toField: keyof T & string) {
	return (value: T, ctx: z.RefinementCtx) => {
		const from = value[fromField];
		const to = value[toField];
		if (typeof from === 'string' && typeof to === 'string' && to < from) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [toField], message: `is before '${fromField}'` });
	};
}

export const claimCreateInputSchema = z.object({
	appointmentId: claimRecordRefSchema('appointment'),
	/** Only for a group appointment: which of its patients to bill. */
	patientId: claimRecordRefSchema('patient').optional(),
});

export const claimListFiltersSchema = z
	.object({
		status: claimStatusSchema.optional(),
		patientId: claimRecordRefSchema('patient').optional(),
		payerId: z.number().int().positive().optional(),
		dateOfServiceFrom: claimCalendarDaySchema.optional(),
		dateOfServiceTo: claimCalendarDaySchema.optional(),
		/** At most this many claims; all of them when absent. */
		limit: z.number().int().positive().max(100_000).optional(),
	})
	.strict()
	.superRefine(claimDateRangeCheck('dateOfServiceFrom', 'dateOfServiceTo'));

export const claimSubmitInputSchema = z.array(claimRefSchema).min(1, 'needs at least one claim').max(100, 'may list at most 100 claims');

export const claimResubmitInputSchema = z
	.object({
		claimId: claimRefSchema,
		/** 1 resubmits as is, 7 replaces, 8 voids the claim the payer has. */
		frequency: claimFrequencySchema,
		payerClaimNumber: z.string().trim().regex(/^[A-Za-z0-9-]{1,50}$/, 'may hold only letters, digits and hyphens (at most 50)').optional(),
		correction: z.object({ chargeCents: z.number().int().positive().max(10_000_000).optional(), units: z.number().int().min(1).max(99).optional() }).strict().optional(),
	})
	.strict();

/**
 * A name written into an 837P element: an X12 delimiter or a control character in it would split
 * or corrupt the file, and the file is built only after the claim was read, so refuse it first.
 */
const x12Name = z
	.string()
	.trim()
	.min(1)
	.max(60)
	// eslint-disable-next-line no-control-regex -- the point is to find control characters
	.regex(/^[^*:^~\u0000-\u001f\u007f]*$/, 'must not contain an X12 delimiter (* : ^ ~), a line break or a control character');

/** Envelope of the 837P: who sends it to whom. The portal has none of this, so defaults are assumed. */
export const claim837POptionsSchema = z
	.object({
		submitterId: z.string().trim().regex(/^[A-Za-z0-9]{2,15}$/, 'must be 2 to 15 letters or digits').optional(),
		submitterName: x12Name.optional(),
		contactName: x12Name.optional(),
		contactPhone: z.string().trim().regex(/^\d{10}$/, 'must be 10 digits').optional(),
		receiverId: z.string().trim().regex(/^[A-Za-z0-9]{2,15}$/, 'must be 2 to 15 letters or digits').optional(),
		receiverName: x12Name.optional(),
		usage: z.enum(['P', 'T']).optional(),
		interchangeControlNumber: z.number().int().min(1).max(999_999_999).optional(),
		createdAt: z.string().datetime({ offset: true }).optional(),
	})
	.strict();

export type ClaimCreateInput = z.input<typeof claimCreateInputSchema>;
export type ClaimListFilters = z.input<typeof claimListFiltersSchema>;
export type ClaimResubmitInput = z.input<typeof claimResubmitInputSchema>;
export type Claim837POptions = z.input<typeof claim837POptionsSchema>;
