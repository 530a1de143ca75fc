import { z } from 'zod';
import { idOrEncryptedId } from './appointments';
import { calendarDate, patientRefSchema, plainText } from './patient';

/** Patient billing: every amount is integer cents, every date ISO. */
const cents = z.number().int();

export const agingCentsSchema = z.object({ current: cents, days31To60: cents, days61To90: cents, days91To120: cents, over120: cents });

export const patientBalanceSchema = z.object({
	patientId: z.number().int().positive(),
	patientEncryptedId: z.string().min(1),
	asOfDate: calendarDate,
	balanceCents: cents,
	totalChargedCents: cents,
	totalPaidCents: cents,
	unappliedCreditCents: cents,
	/** Open amounts by age of the session: 0–30 days is current. */
	agingCents: agingCentsSchema,
});
export type PatientBalance = z.infer<typeof patientBalanceSchema>;

export const CHARGE_TYPES = ['session', 'missedFee', 'cancellationFee', 'lateCancellationFee'] as const;

export const unpaidSessionSchema = z.object({
	patientId: z.number().int().positive(),
	patientEncryptedId: z.string().min(1),
	appointmentId: z.number().int().positive(),
	appointmentEncryptedId: z.string().min(1),
	date: calendarDate,
	chargeType: z.enum(CHARGE_TYPES),
	chargedCents: cents,
	paidCents: cents,
	owedCents: cents,
	daysOutstanding: z.number().int().nonnegative(),
});
export type UnpaidSession = z.infer<typeof unpaidSessionSchema>;

export const overduePageSchema = z.object({
	sessions: z.array(unpaidSessionSchema),
	page: z.number().int().positive(),
	pageCount: z.number().int().nonnegative(),
	totalCount: z.number().int().nonnegative(),
	/** The portal's date the ages count to. */
	asOfDate: calendarDate.optional(),
});
export type OverduePage = z.infer<typeof overduePageSchema>;

export const overdueParamsSchema = z.object({
	minDaysOutstanding: z.number().int('must be whole days').min(0, 'cannot be negative').max(36_500, 'is more than 100 years').default(0),
	page: z.number().int().min(1, 'must be 1 or more').default(1),
	/** For the all-pages list: stop after this many rows. */
	limit: z.number().int().min(1, 'must be 1 or more').optional(),
	/** Only sessions served on or after / on or before these dates. */
	serviceDateFrom: calendarDate.optional(),
	serviceDateTo: calendarDate.optional(),
});
export type OverdueParams = z.input<typeof overdueParamsSchema>;

/** What a person can record at the front desk; insurance money arrives through ERAs and shows as "insurance". */
export const PAYMENT_METHODS = ['card', 'cash', 'check', 'other'] as const;

export const paymentSchema = z.object({
	id: z.number().int().positive(),
	encryptedId: z.string().min(1),
	patientId: z.number().int().positive(),
	amountCents: cents,
	date: calendarDate,
	method: z.string(),
	reference: z.string(),
	appliedToAppointmentIds: z.array(z.number().int()),
	createdAt: z.string(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const paymentReferenceSchema = plainText(100)
	.transform((value) => value.trim())
	.refine((value) => value.length > 0, 'is required: it is how a repeated post is recognised (e.g. a Stripe PaymentIntent ID)');

export const postPaymentSchema = z.object({
	patientId: patientRefSchema,
	amountCents: z.number().int('must be whole cents').min(1, 'must be more than 0').max(10_000_000, 'is more than 100,000.00'),
	date: calendarDate.optional(),
	method: z.enum(PAYMENT_METHODS),
	reference: paymentReferenceSchema,
	appliedToAppointmentIds: z
		.array(idOrEncryptedId('appointment'))
		.max(50, 'holds more than 50 appointments')
		.refine((ids) => new Set(ids).size === ids.length, 'names an appointment twice')
		.default([]),
});
export type PostPaymentInput = z.input<typeof postPaymentSchema>;

export interface PostPaymentResult {
	payment: Payment;
	/** True when a payment with this reference existed before this call: nothing new was posted. */
	alreadyPosted: boolean;
}

/** A line of the practice's billing transactions: a charge (re-entered when its status changes), a payment, or an ERA's payment of a claim. */
export const ledgerEntrySchema = z.object({
	type: z.enum(['charge', 'payment', 'insurancePayment']),
	/** The appointment (charge), payment, or claim (insurance payment). */
	recordId: z.number().int().positive(),
	patientId: z.number().int().positive(),
	patientEncryptedId: z.string().min(1),
	amountCents: cents,
	date: calendarDate,
	/** When it was entered or last changed, "YYYY-MM-DDTHH:mm" practice-local. */
	enteredAt: z.string().min(16),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerPageSchema = z.object({
	rows: z.array(ledgerEntrySchema),
	pageCount: z.number().int().nonnegative(),
	asOfDate: calendarDate,
});
export type LedgerPage = z.infer<typeof ledgerPageSchema>;
