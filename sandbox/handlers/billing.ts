import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { Patient, Payment } from '../data/types';
import type { AuditEntry } from '../data/store';
import type { SandboxState } from '../state';
import { centsToDollars, toPortalDate, toPortalDateTime } from '../util/dates';
import { asArray, asObject, findAppointment, findPatient, ok, optMoney, optPortalDate, optString, paginate, saved, type Json } from './common';
import { formDateRange, inRange } from './claimsForm';
import { agingOf, allLedgers, daysOutstanding, ledgerActivity, ledgerOf, owedCents, type Charge, type Ledger, type LedgerEntry } from './ledger';

/**
 * Patient billing (all assumed: TherapyNotes' patient-billing handlers were not seen in public
 * code). The real portal is not known to de-duplicate payments by reference, so neither does the
 * sandbox: a client that retries must look the reference up first (billing/findpayment).
 */

const OVERDUE_PAGE_SIZE = 50;
const TRANSACTIONS_PAGE_SIZE = 50;
const MAX_APPLIED_TO = 50;
/** What a person can record; insurance money arrives through ERAs instead. */
export const PAYMENT_METHODS = ['card', 'cash', 'check', 'other'] as const;
export type PortalPaymentMethod = (typeof PAYMENT_METHODS)[number];

function patientIds(patient: Patient) {
	return { PatientID: patient.id, PatientEncryptedID: patient.encryptedId };
}

function unpaidWire(charge: Charge, patient: Patient, today: string) {
	return {
		...patientIds(patient),
		CalendarEntryID: charge.appointment.id,
		CalendarEntryEncryptedID: charge.appointment.encryptedId,
		Date: toPortalDate(charge.appointment.start),
		ChargeType: charge.kind,
		Charged: centsToDollars(charge.chargedCents),
		Paid: centsToDollars(charge.paidCents),
		AmountOwed: centsToDollars(owedCents(charge)),
		DaysOutstanding: daysOutstanding(charge, today),
	};
}

function unpaidOf(ledger: Ledger, today: string, keep: (charge: Charge) => boolean = () => true) {
	return ledger.charges.filter((c) => owedCents(c) > 0 && keep(c)).map((c) => unpaidWire(c, ledger.patient, today));
}

function paymentWire(state: SandboxState, payment: Payment) {
	return {
		ID: payment.id,
		EncryptedID: state.store.encryptedIdFor('payment', payment.id),
		PatientID: payment.patientId,
		Amount: centsToDollars(payment.amountCents),
		Date: toPortalDate(payment.date),
		Method: payment.method,
		Reference: payment.reference,
		AppliedTo: payment.appliedTo,
		CreatedDate: toPortalDateTime(payment.createdAt),
	};
}

function balance({ ctx, state, now }: HandlerArgs) {
	const ledger = ledgerOf(state.store, findPatient(state, ctx.str('patientid', { required: true })));
	const aging = agingOf(ledger, now);
	return ok({
		...patientIds(ledger.patient),
		AsOfDate: toPortalDate(now),
		Balance: centsToDollars(ledger.chargedCents - ledger.paidCents),
		TotalCharged: centsToDollars(ledger.chargedCents),
		TotalPaid: centsToDollars(ledger.paidCents),
		UnappliedCredit: centsToDollars(ledger.creditCents),
		Aging: {
			Current: centsToDollars(aging.current),
			Days31To60: centsToDollars(aging.days31To60),
			Days61To90: centsToDollars(aging.days61To90),
			Days91To120: centsToDollars(aging.days91To120),
			Over120: centsToDollars(aging.over120),
		},
	});
}

function unpaidSessions({ ctx, state, now }: HandlerArgs) {
	const ledger = ledgerOf(state.store, findPatient(state, ctx.str('patientid', { required: true })));
	return ok({ Sessions: unpaidOf(ledger, now) });
}

/** Practice-wide, oldest first, for a "balance overdue" poll; `mindaysoutstanding` and the date-of-service range filter. */
function overdueSessions({ ctx, state, now }: HandlerArgs) {
	const minDays = ctx.int('mindaysoutstanding', { fallback: 0 });
	if (minDays < 0) throw new PortalError(`Field 'mindaysoutstanding' must be 0 or more.`);
	const serviceDates = formDateRange(ctx, 'servicedaterangestart', 'servicedaterangeend');
	const served = (c: Charge) => inRange(c.appointment.start.slice(0, 10), serviceDates);
	const rows = allLedgers(state.store)
		.flatMap((ledger) => unpaidOf(ledger, now, served))
		.filter((row) => row.DaysOutstanding >= minDays)
		.sort((a, b) => b.DaysOutstanding - a.DaysOutstanding || a.CalendarEntryID - b.CalendarEntryID || a.PatientID - b.PatientID);
	const { rows: page, pageCount } = paginate(rows, ctx.int('page', { fallback: 1 }), OVERDUE_PAGE_SIZE);
	return ok({ Sessions: page, PageCount: pageCount, TotalCount: rows.length, AsOfDate: toPortalDate(now) });
}

function transactionWire(state: SandboxState, entry: LedgerEntry) {
	return {
		Type: entry.type,
		ID: entry.recordId,
		PatientID: entry.patientId,
		PatientEncryptedID: state.store.encryptedIdFor('patient', entry.patientId),
		Amount: centsToDollars(entry.amountCents),
		Date: toPortalDate(entry.date),
		EnteredDate: toPortalDateTime(entry.enteredAt),
	};
}

/** The practice's billing transactions, most recently entered first (payments from the front desk, the portal and ERAs alike). */
function transactions({ ctx, state, now }: HandlerArgs) {
	const { rows, pageCount } = paginate(ledgerActivity(state.store), ctx.int('page', { fallback: 1 }), TRANSACTIONS_PAGE_SIZE);
	return ok({ Transactions: rows.map((entry) => transactionWire(state, entry)), PageCount: pageCount, AsOfDate: toPortalDate(now) });
}

export interface NewPayment {
	patient: Patient;
	amountCents: number;
	date: string;
	method: PortalPaymentMethod;
	reference: string;
	appliedTo: number[];
}

/** Stores a payment; shared with the front-desk admin action so both paths record alike. */
export function recordPayment(state: SandboxState, input: NewPayment, now: string, by: AuditEntry['by'] = 'portal'): Payment {
	const id = state.store.nextId('payment');
	const payment: Payment = {
		id,
		patientId: input.patient.id,
		amountCents: input.amountCents,
		date: input.date,
		method: input.method,
		reference: input.reference,
		appliedTo: input.appliedTo,
		createdAt: now,
	};
	state.store.payments.set(id, payment);
	state.store.record('create', 'payment', id, now, by);
	return payment;
}

function readAmount(input: Json, where: string): number {
	if (input.Amount === undefined || input.Amount === null || input.Amount === '') throw new PortalError(`'${where}.Amount' is required.`);
	const cents = optMoney(input, 'Amount', where)!;
	if (cents <= 0) throw new PortalError(`'${where}.Amount' must be more than 0.`);
	return cents;
}

function readAppliedTo(state: SandboxState, input: Json, patient: Patient): number[] {
	if (input.AppliedTo === undefined || input.AppliedTo === null) return [];
	const refs = asArray(input.AppliedTo, 'payment.AppliedTo');
	if (refs.length > MAX_APPLIED_TO) throw new PortalError(`'payment.AppliedTo' holds more than ${MAX_APPLIED_TO} appointments.`);
	const ids = refs.map((ref, index) => {
		const where = `payment.AppliedTo[${index}]`;
		let appointmentId: number;
		try {
			appointmentId = findAppointment(state, ref).id;
		} catch {
			throw new PortalError(`'${where}' is not an appointment of this practice.`);
		}
		if (!state.store.appointments.get(appointmentId)!.patientIds.includes(patient.id)) throw new PortalError(`'${where}' is not an appointment of this patient.`);
		return appointmentId;
	});
	if (new Set(ids).size !== ids.length) throw new PortalError(`'payment.AppliedTo' names an appointment twice.`);
	return ids;
}

function readPayment(state: SandboxState, input: Json, now: string): NewPayment {
	const where = 'payment';
	let patient: Patient;
	try {
		patient = findPatient(state, input.PatientID);
	} catch {
		throw new PortalError(`'payment.PatientID' is not a patient of this practice.`);
	}
	const amountCents = readAmount(input, where);
	const method = optString(input, 'Method', where, 10)?.toLowerCase();
	if (!PAYMENT_METHODS.includes(method as PortalPaymentMethod)) throw new PortalError(`'payment.Method' must be one of ${PAYMENT_METHODS.join(', ')}.`);
	const date = optPortalDate(input, 'Date', where) ?? now.slice(0, 10);
	if (date > now.slice(0, 10)) throw new PortalError(`'payment.Date' cannot be in the future.`);
	const reference = optString(input, 'Reference', where, 100)?.trim() ?? '';
	return { patient, amountCents, date, method: method as PortalPaymentMethod, reference, appliedTo: readAppliedTo(state, input, patient) };
}

function savePayment({ ctx, state, now }: HandlerArgs) {
	const input = asObject(ctx.json('payment'), 'payment');
	const payment = recordPayment(state, readPayment(state, input, now), now);
	return saved(payment.id, state.store.encryptedIdFor('payment', payment.id));
}

function patientPaymentList({ ctx, state }: HandlerArgs) {
	const patient = findPatient(state, ctx.str('patientid', { required: true }));
	const rows = [...state.store.payments.values()].filter((p) => p.patientId === patient.id).sort((a, b) => a.id - b.id);
	return ok({ Payments: rows.map((p) => paymentWire(state, p)) });
}

/** Exact, case-sensitive match on Reference: how a client makes a retried payment idempotent. */
function findPayments({ ctx, state }: HandlerArgs) {
	const reference = ctx.str('reference', { required: true, max: 100 }).trim();
	const rows = [...state.store.payments.values()].filter((p) => p.reference === reference).sort((a, b) => a.id - b.id);
	return ok({ Payments: rows.map((p) => paymentWire(state, p)) });
}

const AGING = 'Aging {Current, Days31To60, Days61To90, Days91To120, Over120} (dollars)';
const UNPAID = 'PatientID, PatientEncryptedID, CalendarEntryID, CalendarEntryEncryptedID, Date, ChargeType, Charged, Paid, AmountOwed, DaysOutstanding';
const PAYMENT = 'ID, EncryptedID, PatientID, Amount, Date, Method, Reference, AppliedTo[], CreatedDate';

export const BILLING_HANDLERS: PortalHandler[] = [
	{ name: 'billing/balance', path: '/app/billing/patients/loadbalance.aspx', msg: 2, provenance: 'assumed', fields: 'patientid (ID or EncryptedID)', answer: `\`Balance\`, TotalCharged, TotalPaid, UnappliedCredit, AsOfDate, ${AGING}`, handle: balance },
	{ name: 'billing/unpaidsessions', path: '/app/billing/patients/loadunpaidsessions.aspx', msg: 3, provenance: 'assumed', fields: 'patientid', answer: `\`Sessions[]\`: ${UNPAID}`, handle: unpaidSessions },
	{ name: 'billing/overduesessions', path: '/app/billing/loadunpaidsessions.aspx', msg: 4, provenance: 'assumed', fields: 'page, mindaysoutstanding, servicedaterangestart/end (M/D/YYYY, date of service)', answer: `\`Sessions[]\` (${UNPAID}), \`PageCount\`, \`TotalCount\`, \`AsOfDate\` (the date ages count to); 50 a page, oldest first`, handle: overdueSessions },
	{ name: 'billing/savepayment', path: '/app/billing/payments/savepayment.aspx', msg: 5, provenance: 'assumed', fields: 'payment = JSON {PatientID, Amount, Date, Method (card, cash, check, other), Reference (≤ 100), AppliedTo: [calendar entry ids]}', answer: '`Success`, `ID`, `EncryptedID`; not de-duplicated by Reference', handle: savePayment },
	{ name: 'billing/patientpayments', path: '/app/billing/payments/loadpatientpayments.aspx', msg: 6, provenance: 'assumed', fields: 'patientid', answer: `\`Payments[]\`: ${PAYMENT}`, handle: patientPaymentList },
	{ name: 'billing/transactions', path: '/app/billing/loadtransactions.aspx', msg: 8, provenance: 'assumed', fields: 'page', answer: '`Transactions[]`: Type (Charge, Payment, InsurancePayment), ID (calendar entry, payment or claim), PatientID, PatientEncryptedID, Amount, Date, EnteredDate (a status change re-enters its charge; a voided charge shows 0); `PageCount`, `AsOfDate`; 50 a page, most recently entered first', handle: transactions },
	{ name: 'billing/findpayment', path: '/app/billing/payments/searchpayments.aspx', msg: 7, provenance: 'assumed', fields: 'reference (exact match)', answer: `\`Payments[]\`: ${PAYMENT}`, handle: findPayments },
];
