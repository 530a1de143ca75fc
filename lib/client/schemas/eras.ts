import { z } from 'zod';
import { claimCalendarDaySchema, claimDateRangeCheck, claimRecordRefSchema, claimStatusSchema } from './claims';

/** ERAs (835 remittances) as the domain sees them: money in integer cents, dates ISO. */
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const cents = z.number().int();

export const eraStatusSchema = z.enum(['unprocessed', 'processed']);

export const eraSummarySchema = z.object({
	id: z.number().int().positive(),
	encryptedId: z.string().min(1),
	/** Null when read from the ERA page, which does not show it. */
	payerId: z.number().int().nullable(),
	payerName: z.string(),
	checkNumber: z.string(),
	traceNumber: z.string(),
	checkDate: isoDay,
	receivedDate: isoDay,
	paymentAmountCents: cents,
	claimCount: z.number().int().nonnegative(),
	status: eraStatusSchema,
	source: z.enum(['electronic', 'upload']).nullable(),
});

export const eraAdjustmentSchema = z.object({ group: z.string(), reason: z.string(), amountCents: cents, quantity: z.number().nullable() });

export const eraServiceLineSchema = z.object({
	procedureQualifier: z.string(),
	procedureCode: z.string(),
	modifiers: z.array(z.string()),
	chargeCents: cents,
	paidCents: cents,
	units: z.number(),
	serviceDate: isoDay.nullable(),
	serviceDateEnd: isoDay.nullable(),
	lineControlNumber: z.string().nullable(),
	allowedCents: cents.nullable(),
	remarkCodes: z.array(z.string()),
	adjustments: z.array(eraAdjustmentSchema),
});

export const eraClaimPaymentSchema = z.object({
	/** CLP01 as sent: the portal puts its claim id there. */
	patientControlNumber: z.string(),
	/** CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal. */
	statusCode: z.string(),
	chargeCents: cents,
	paidCents: cents,
	patientResponsibilityCents: cents.nullable(),
	claimFilingIndicator: z.string().nullable(),
	payerClaimNumber: z.string().nullable(),
	patient: z.object({ lastName: z.string().nullable(), firstName: z.string().nullable(), memberId: z.string().nullable() }).nullable(),
	statementFrom: isoDay.nullable(),
	statementTo: isoDay.nullable(),
	adjustments: z.array(eraAdjustmentSchema),
	serviceLines: z.array(eraServiceLineSchema),
});

export const eraProviderAdjustmentSchema = z.object({ providerId: z.string(), fiscalPeriodDate: isoDay.nullable(), reason: z.string(), reference: z.string().nullable(), amountCents: cents });

export const eraTransactionSchema = z.object({
	controlNumber: z.string(),
	payment: z.object({ handlingCode: z.string(), amountCents: cents, creditDebit: z.string(), method: z.string(), date: isoDay.nullable(), traceNumber: z.string().nullable(), originatorId: z.string().nullable() }),
	payer: z.object({ name: z.string().nullable(), id: z.string().nullable() }),
	payee: z.object({ name: z.string().nullable(), idQualifier: z.string().nullable(), id: z.string().nullable(), npi: z.string().nullable() }),
	claims: z.array(eraClaimPaymentSchema),
	providerAdjustments: z.array(eraProviderAdjustmentSchema),
	/** Every line, claim and the payment total balance to the cent. */
	balanced: z.boolean(),
	problems: z.array(z.string()),
});

/** The ERA's facts and its 835, parsed: only the transaction(s) carrying this ERA's trace number. */
export const eraDetailSchema = z.object({ era: eraSummarySchema, transactions: z.array(eraTransactionSchema), balanced: z.boolean(), problems: z.array(z.string()) });

export const eraFileSchema = z.object({ eraId: z.union([z.number(), z.string()]), fileName: z.string(), mimeType: z.literal('application/edi-x12'), text: z.string() });

export const eraMarkProcessedResultSchema = z.object({ id: z.number().int(), encryptedId: z.string(), status: eraStatusSchema, alreadyProcessed: z.boolean(), postedClaimIds: z.array(z.number().int()) });

// ---- Reconciliation ----

export const eraReconciledLineSchema = z.object({
	lineControlNumber: z.string().nullable(),
	procedureCode: z.string(),
	serviceDate: isoDay.nullable(),
	/** Our claim line's charge and units; null when the payer answered a line we did not bill. */
	expectedChargeCents: cents.nullable(),
	expectedUnits: z.number().nullable(),
	chargedCents: cents,
	paidCents: cents,
	units: z.number(),
	allowedCents: cents.nullable(),
	contractualCents: cents,
	patientResponsibilityCents: cents,
	otherAdjustmentCents: cents,
	/** (allowed, or charge − CO-45) − patient responsibility: what the payer should have paid. */
	expectedPaidCents: cents,
	underpaidCents: cents,
	adjustments: z.array(eraAdjustmentSchema),
});

export const eraMatchedClaimSchema = z.object({
	claimId: z.number().int(),
	encryptedId: z.string(),
	patientControlNumber: z.string(),
	claimStatus: claimStatusSchema,
	statusCode: z.string(),
	payerClaimNumber: z.string().nullable(),
	expectedChargeCents: cents,
	chargedCents: cents,
	paidCents: cents,
	patientResponsibilityCents: cents,
	adjustments: z.array(eraAdjustmentSchema),
	/** Our claim records this ERA as the one that paid or denied it. */
	posted: z.boolean(),
	lines: z.array(eraReconciledLineSchema),
});

export const eraUnmatchedClaimSchema = eraClaimPaymentSchema.pick({ patientControlNumber: true, statusCode: true, chargeCents: true, paidCents: true, patientResponsibilityCents: true, payerClaimNumber: true, patient: true });

export const eraDiscrepancyKindSchema = z.enum(['claim-charge-mismatch', 'line-charge-mismatch', 'units-mismatch', 'code-mismatch', 'unbilled-line', 'unanswered-line', 'underpaid', 'denied', 'reversal']);

export const eraDiscrepancySchema = z.object({
	kind: eraDiscrepancyKindSchema,
	claimId: z.number().int(),
	lineControlNumber: z.string().nullable(),
	expected: z.union([z.string(), z.number()]).nullable(),
	actual: z.union([z.string(), z.number()]).nullable(),
	/** The money at stake, in cents (0 when the difference is not money). */
	amountCents: cents,
});

export const eraTotalsSchema = z.object({
	claimCount: z.number().int(),
	matchedCount: z.number().int(),
	unmatchedCount: z.number().int(),
	discrepancyCount: z.number().int(),
	paymentAmountCents: cents,
	expectedChargeCents: cents,
	chargedCents: cents,
	paidCents: cents,
	patientResponsibilityCents: cents,
	underpaidCents: cents,
	providerAdjustmentCents: cents,
});

export const eraReconciliationSchema = z.object({
	era: eraSummarySchema,
	balanced: z.boolean(),
	problems: z.array(z.string()),
	matched: z.array(eraMatchedClaimSchema),
	unmatched: z.array(eraUnmatchedClaimSchema),
	discrepancies: z.array(eraDiscrepancySchema),
	providerAdjustments: z.array(eraProviderAdjustmentSchema),
	totals: eraTotalsSchema,
});

export const eraRangeReconciliationSchema = z.object({ eras: z.array(eraReconciliationSchema), totals: eraTotalsSchema.extend({ eraCount: z.number().int() }) });

export type EraStatus = z.infer<typeof eraStatusSchema>;
export type EraSummary = z.infer<typeof eraSummarySchema>;
export type EraAdjustment = z.infer<typeof eraAdjustmentSchema>;
export type EraClaimPayment = z.infer<typeof eraClaimPaymentSchema>;
export type EraTransaction = z.infer<typeof eraTransactionSchema>;
export type EraDetail = z.infer<typeof eraDetailSchema>;
export type EraFile = z.infer<typeof eraFileSchema>;
export type EraMarkProcessedResult = z.infer<typeof eraMarkProcessedResultSchema>;
export type EraReconciledLine = z.infer<typeof eraReconciledLineSchema>;
export type EraMatchedClaim = z.infer<typeof eraMatchedClaimSchema>;
export type EraUnmatchedClaim = z.infer<typeof eraUnmatchedClaimSchema>;
export type EraDiscrepancy = z.infer<typeof eraDiscrepancySchema>;
export type EraTotals = z.infer<typeof eraTotalsSchema>;
export type EraReconciliation = z.infer<typeof eraReconciliationSchema>;
export type EraRangeReconciliation = z.infer<typeof eraRangeReconciliationSchema>;

// ---- Input ----

export const eraRefSchema = claimRecordRefSchema('ERA');

export const eraListFiltersSchema = z
	.object({
		status: z.enum(['any', 'unprocessed', 'processed']).optional(),
		receivedFrom: claimCalendarDaySchema.optional(),
		receivedTo: claimCalendarDaySchema.optional(),
		/** At most this many ERAs; all of them when absent. */
		limit: z.number().int().positive().max(100_000).optional(),
	})
	.strict()
	.superRefine(claimDateRangeCheck('receivedFrom', 'receivedTo'));

/** A range to reconcile must be bounded on both ends: ERAs are read and parsed one by one. */
export const eraReconcileRangeSchema = z
	.object({
		receivedFrom: claimCalendarDaySchema,
		receivedTo: claimCalendarDaySchema,
		status: z.enum(['any', 'unprocessed', 'processed']).optional(),
		limit: z.number().int().positive().max(1_000).optional(),
	})
	.strict()
	.superRefine(claimDateRangeCheck('receivedFrom', 'receivedTo'));

export type EraListFilters = z.input<typeof eraListFiltersSchema>;
export type EraReconcileRange = z.input<typeof eraReconcileRangeSchema>;
