import { z } from 'zod';
import { jsonCall, type Handler } from './call';
import { wireDate, wireDateTime, wireMoney } from './wireTypes';
import { centsToDollars, isoToPortalDate } from './dates';

/** Patient billing handlers (all assumed: not seen in public code). */
export const BILLING_HANDLERS = {
	balance: { operation: 'billing/balance', path: '/app/billing/patients/loadbalance.aspx', msg: 2 },
	unpaid: { operation: 'billing/unpaidsessions', path: '/app/billing/patients/loadunpaidsessions.aspx', msg: 3 },
	overdue: { operation: 'billing/overduesessions', path: '/app/billing/loadunpaidsessions.aspx', msg: 4 },
	savePayment: { operation: 'billing/savepayment', path: '/app/billing/payments/savepayment.aspx', msg: 5 },
	patientPayments: { operation: 'billing/patientpayments', path: '/app/billing/payments/loadpatientpayments.aspx', msg: 6 },
	findPayment: { operation: 'billing/findpayment', path: '/app/billing/payments/searchpayments.aspx', msg: 7 },
	transactions: { operation: 'billing/transactions', path: '/app/billing/loadtransactions.aspx', msg: 8 },
} satisfies Record<string, Handler>;

/** Rows a page of the practice-wide overdue list holds (assumed). */
export const OVERDUE_PAGE_SIZE = 50;

type Ref = string | number;

const CHARGE_TYPES = { Session: 'session', MissedFee: 'missedFee', CancellationFee: 'cancellationFee', LateCancellationFee: 'lateCancellationFee' } as const;

const unpaidSchema = z.object({
	PatientID: z.number().int(),
	PatientEncryptedID: z.string().min(1),
	CalendarEntryID: z.number().int(),
	CalendarEntryEncryptedID: z.string().min(1),
	Date: wireDate,
	ChargeType: z.enum(['Session', 'MissedFee', 'CancellationFee', 'LateCancellationFee']).transform((t) => CHARGE_TYPES[t]),
	Charged: wireMoney,
	Paid: wireMoney,
	AmountOwed: wireMoney,
	DaysOutstanding: z.number().int(),
});

function mapUnpaid(row: z.infer<typeof unpaidSchema>) {
	return {
		patientId: row.PatientID,
		patientEncryptedId: row.PatientEncryptedID,
		appointmentId: row.CalendarEntryID,
		appointmentEncryptedId: row.CalendarEntryEncryptedID,
		date: row.Date,
		chargeType: row.ChargeType,
		chargedCents: row.Charged,
		paidCents: row.Paid,
		owedCents: row.AmountOwed,
		daysOutstanding: row.DaysOutstanding,
	};
}

const paymentSchema = z.object({
	ID: z.number().int(),
	EncryptedID: z.string().min(1),
	PatientID: z.number().int(),
	Amount: wireMoney,
	Date: wireDate,
	Method: z.string().transform((m) => m.toLowerCase()),
	Reference: z.string(),
	AppliedTo: z.array(z.number().int()),
	CreatedDate: wireDateTime,
});

function mapPayment(row: z.infer<typeof paymentSchema>) {
	return {
		id: row.ID,
		encryptedId: row.EncryptedID,
		patientId: row.PatientID,
		amountCents: row.Amount,
		date: row.Date,
		method: row.Method,
		reference: row.Reference,
		appliedToAppointmentIds: row.AppliedTo,
		createdAt: row.CreatedDate,
	};
}

export type WirePayment = ReturnType<typeof mapPayment>;

const agingSchema = z.object({ Current: wireMoney, Days31To60: wireMoney, Days61To90: wireMoney, Days91To120: wireMoney, Over120: wireMoney });

export function getBalance(patient: Ref) {
	return jsonCall(
		BILLING_HANDLERS.balance,
		{ patientid: String(patient) },
		z.object({
			Success: z.literal(true),
			PatientID: z.number().int(),
			PatientEncryptedID: z.string().min(1),
			AsOfDate: wireDate,
			Balance: wireMoney,
			TotalCharged: wireMoney,
			TotalPaid: wireMoney,
			UnappliedCredit: wireMoney,
			Aging: agingSchema,
		}),
		(a) => ({
			patientId: a.PatientID,
			patientEncryptedId: a.PatientEncryptedID,
			asOfDate: a.AsOfDate,
			balanceCents: a.Balance,
			totalChargedCents: a.TotalCharged,
			totalPaidCents: a.TotalPaid,
			unappliedCreditCents: a.UnappliedCredit,
			agingCents: { current: a.Aging.Current, days31To60: a.Aging.Days31To60, days61To90: a.Aging.Days61To90, days91To120: a.Aging.Days91To120, over120: a.Aging.Over120 },
		}),
		{ idempotent: true, ids: [patient] },
	);
}

export function unpaidSessions(patient: Ref) {
	return jsonCall(
		BILLING_HANDLERS.unpaid,
		{ patientid: String(patient) },
		z.object({ Success: z.literal(true), Sessions: z.array(unpaidSchema) }),
		(a) => a.Sessions.map(mapUnpaid),
		{ idempotent: true, ids: [patient] },
	);
}

/** Dates of service (ISO, both ends included) the overdue list is narrowed to. */
export interface ServiceDateRange {
	from?: string;
	to?: string;
}

function serviceDateFields(range: ServiceDateRange): Record<string, string> {
	const fields: Record<string, string> = {};
	if (range.from) fields.servicedaterangestart = isoToPortalDate(range.from);
	if (range.to) fields.servicedaterangeend = isoToPortalDate(range.to);
	return fields;
}

/** One page of every patient's unpaid sessions, most days outstanding first. */
export function overdueSessions(minDaysOutstanding: number, page: number, serviceDates: ServiceDateRange = {}) {
	return jsonCall(
		BILLING_HANDLERS.overdue,
		{ mindaysoutstanding: String(minDaysOutstanding), page: String(page), ...serviceDateFields(serviceDates) },
		z.object({ Success: z.literal(true), Sessions: z.array(unpaidSchema), PageCount: z.number().int(), TotalCount: z.number().int(), AsOfDate: wireDate.optional() }),
		(a) => ({ sessions: a.Sessions.map(mapUnpaid), page, pageCount: a.PageCount, totalCount: a.TotalCount, ...(a.AsOfDate ? { asOfDate: a.AsOfDate } : {}) }),
		{ idempotent: true },
	);
}

const TRANSACTION_TYPES = { Charge: 'charge', Payment: 'payment', InsurancePayment: 'insurancePayment' } as const;

const transactionSchema = z.object({
	Type: z.enum(['Charge', 'Payment', 'InsurancePayment']).transform((t) => TRANSACTION_TYPES[t]),
	ID: z.number().int(),
	PatientID: z.number().int(),
	PatientEncryptedID: z.string().min(1),
	Amount: wireMoney,
	Date: wireDate,
	EnteredDate: wireDateTime,
});

/** One page of the practice's billing transactions, most recently entered first. */
export function transactions(page: number) {
	return jsonCall(
		BILLING_HANDLERS.transactions,
		{ page: String(page) },
		z.object({ Success: z.literal(true), Transactions: z.array(transactionSchema), PageCount: z.number().int(), AsOfDate: wireDate }),
		(a) => ({
			rows: a.Transactions.map((t) => ({ type: t.Type, recordId: t.ID, patientId: t.PatientID, patientEncryptedId: t.PatientEncryptedID, amountCents: t.Amount, date: t.Date, enteredAt: t.EnteredDate })),
			pageCount: a.PageCount,
			asOfDate: a.AsOfDate,
		}),
		{ idempotent: true },
	);
}

const paymentsAnswer = z.object({ Success: z.literal(true), Payments: z.array(paymentSchema) });

/** Exact match on the reference: the only way to know whether a payment was already posted. */
export function findPayments(reference: string) {
	return jsonCall(BILLING_HANDLERS.findPayment, { reference }, paymentsAnswer, (a) => a.Payments.map(mapPayment), { idempotent: true });
}

export function patientPayments(patient: Ref) {
	return jsonCall(BILLING_HANDLERS.patientPayments, { patientid: String(patient) }, paymentsAnswer, (a) => a.Payments.map(mapPayment), { idempotent: true, ids: [patient] });
}

export interface NewPaymentFields {
	patient: Ref;
	amountCents: number;
	/** ISO date; the portal takes today when absent. */
	date?: string;
	method: string;
	reference: string;
	appliedTo: Ref[];
}

/** Not idempotent and not de-duplicated by the portal: a lost answer is reported, never resent here. */
export function savePayment(fields: NewPaymentFields) {
	const payment = {
		PatientID: fields.patient,
		Amount: centsToDollars(fields.amountCents),
		Date: fields.date === undefined ? undefined : isoToPortalDate(fields.date),
		Method: fields.method,
		Reference: fields.reference,
		AppliedTo: fields.appliedTo,
	};
	return jsonCall(
		BILLING_HANDLERS.savePayment,
		{ payment: JSON.stringify(payment) },
		z.object({ Success: z.literal(true), ID: z.number().int(), EncryptedID: z.string().min(1) }),
		(a) => ({ id: a.ID, encryptedId: a.EncryptedID }),
		{ idempotent: false, ids: [fields.patient] },
	);
}
