import type { Store } from '../data/store';
import type { Appointment, Claim, InsurancePolicy, Patient, Payment } from '../data/types';
import { APPOINTMENT_STATUS } from '../data/types';
import { parseIsoLocal } from '../util/dates';

/**
 * What a patient owes the practice, computed from the store on every read (nothing cached, so
 * a status change or a payment shows at once). Assumed model — TherapyNotes' own patient ledger
 * is not known:
 * - a completed (Show) appointment charges the patient's share: the copay of the current primary
 *   policy (coverage dates are not consulted, like the seeded copay payments), or the patient's
 *   session fee when self-pay;
 * - a Missed, Cancelled or Late Cancelled appointment marked "charge fee" charges a flat fee;
 * - payments (except insurance money, which pays the payer's share) go first to the appointments
 *   they were applied to, and what is left over pays the oldest open charges; anything left after
 *   that is an unapplied credit.
 */
export const MISSED_APPOINTMENT_FEE_CENTS = 7500;

export type ChargeKind = 'Session' | 'MissedFee' | 'CancellationFee' | 'LateCancellationFee';

const FEE_KINDS: Record<number, ChargeKind> = {
	[APPOINTMENT_STATUS.Missed]: 'MissedFee',
	[APPOINTMENT_STATUS.Cancelled]: 'CancellationFee',
	[APPOINTMENT_STATUS.LateCancelled]: 'LateCancellationFee',
};

export interface Charge {
	patientId: number;
	appointment: Appointment;
	kind: ChargeKind;
	chargedCents: number;
	paidCents: number;
}

export interface Ledger {
	patient: Patient;
	/** Oldest first. */
	charges: Charge[];
	chargedCents: number;
	paidCents: number;
	creditCents: number;
}

export const owedCents = (charge: Charge) => charge.chargedCents - charge.paidCents;

/** A patient's primary policy (its copay is the patient's share of a session). */
export type PrimaryPolicyOf = (patientId: number) => InsurancePolicy | undefined;

const primaryFrom = (store: Store): PrimaryPolicyOf => (patientId) => store.policiesOf(patientId).find((p) => p.priority === 1);

/** Every patient's primary policy in one pass, for the practice-wide reads (one scan, not one per charge). */
export function primaryPolicies(store: Store): PrimaryPolicyOf {
	const primary = new Map<number, InsurancePolicy>();
	for (const p of store.policies.values()) if (p.priority === 1 && !primary.has(p.patientId)) primary.set(p.patientId, p);
	return (patientId) => primary.get(patientId);
}

/** The patient's share of one appointment, or null when it charges the patient nothing. */
export function chargeFor(store: Store, patient: Patient, appointment: Appointment, primaryOf: PrimaryPolicyOf = primaryFrom(store)): Charge | null {
	let kind: ChargeKind;
	let cents: number;
	if (appointment.status === APPOINTMENT_STATUS.Show) {
		const primary = primaryOf(patient.id);
		kind = 'Session';
		cents = primary ? primary.copayCents : patient.sessionFeeCents;
	} else if (appointment.chargeFee && FEE_KINDS[appointment.status]) {
		kind = FEE_KINDS[appointment.status];
		cents = MISSED_APPOINTMENT_FEE_CENTS;
	} else {
		return null;
	}
	return cents > 0 ? { patientId: patient.id, appointment, kind, chargedCents: cents, paidCents: 0 } : null;
}

/** Payments the patient made (insurance money is excluded), in the order they were taken. */
export function patientPayments(payments: Iterable<Payment>): Payment[] {
	return [...payments].filter((p) => p.method !== 'insurance').sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
}

function applyPayments(charges: Charge[], payments: Payment[]): number {
	const byAppointment = new Map(charges.map((c) => [c.appointment.id, c]));
	let pool = 0;
	for (const payment of payments) {
		let left = payment.amountCents;
		for (const appointmentId of payment.appliedTo) {
			const charge = byAppointment.get(appointmentId);
			if (!charge) continue;
			const take = Math.min(left, owedCents(charge));
			charge.paidCents += take;
			left -= take;
		}
		pool += left;
	}
	for (const charge of charges) {
		const take = Math.min(pool, owedCents(charge));
		charge.paidCents += take;
		pool -= take;
	}
	return pool;
}

function byStart(a: Appointment, b: Appointment): number {
	return a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id;
}

export function buildLedger(store: Store, patient: Patient, appointments: Appointment[], payments: Payment[], primaryOf: PrimaryPolicyOf = primaryFrom(store)): Ledger {
	const charges = [...appointments]
		.sort(byStart)
		.map((a) => chargeFor(store, patient, a, primaryOf))
		.filter((c): c is Charge => c !== null);
	const ordered = patientPayments(payments);
	const creditCents = applyPayments(charges, ordered);
	return {
		patient,
		charges,
		chargedCents: charges.reduce((sum, c) => sum + c.chargedCents, 0),
		paidCents: ordered.reduce((sum, p) => sum + p.amountCents, 0),
		creditCents,
	};
}

export function ledgerOf(store: Store, patient: Patient): Ledger {
	const appointments = [...store.appointments.values()].filter((a) => a.patientIds.includes(patient.id));
	const payments = [...store.payments.values()].filter((p) => p.patientId === patient.id);
	return buildLedger(store, patient, appointments, payments);
}

/** Every patient's ledger in one pass over appointments and payments (the practice-wide list). */
export function allLedgers(store: Store): Ledger[] {
	const appointments = new Map<number, Appointment[]>();
	const payments = new Map<number, Payment[]>();
	const add = <T>(map: Map<number, T[]>, id: number, value: T) => {
		const list = map.get(id);
		if (list) list.push(value);
		else map.set(id, [value]);
	};
	for (const a of store.appointments.values()) for (const id of a.patientIds) add(appointments, id, a);
	for (const p of store.payments.values()) add(payments, p.patientId, p);
	const primaryOf = primaryPolicies(store);
	return [...store.patients.values()].map((patient) => buildLedger(store, patient, appointments.get(patient.id) ?? [], payments.get(patient.id) ?? [], primaryOf));
}

/** Whole days from the appointment's date to today; never negative. */
export function daysOutstanding(charge: Charge, today: string): number {
	const ms = parseIsoLocal(today.slice(0, 10)).getTime() - parseIsoLocal(charge.appointment.start.slice(0, 10)).getTime();
	return Math.max(0, Math.round(ms / 86_400_000));
}

export interface Aging {
	current: number;
	days31To60: number;
	days61To90: number;
	days91To120: number;
	over120: number;
}

/** Open amounts by age: 0–30 days is current, then 31–60, 61–90, 91–120 and over 120. */
export function agingOf(ledger: Ledger, today: string): Aging {
	const aging: Aging = { current: 0, days31To60: 0, days61To90: 0, days91To120: 0, over120: 0 };
	for (const charge of ledger.charges) {
		const days = daysOutstanding(charge, today);
		const key: keyof Aging = days <= 30 ? 'current' : days <= 60 ? 'days31To60' : days <= 90 ? 'days61To90' : days <= 120 ? 'days91To120' : 'over120';
		aging[key] += owedCents(charge);
	}
	return aging;
}

/** One line of the practice's ledger activity (assumed: the practice-level billing transactions report). */
export interface LedgerEntry {
	type: 'Charge' | 'Payment' | 'InsurancePayment';
	/** The calendar entry (charges), the payment, or the claim an ERA paid. */
	recordId: number;
	patientId: number;
	amountCents: number;
	/** Date of service (charges, ERA lines) or of the payment. */
	date: string;
	/** When the line was entered or last changed: a status change re-enters its charge. */
	enteredAt: string;
}

/** A charge line per patient of every appointment past Scheduled; a voided or fee-less one shows 0. */
function chargeEntries(store: Store, primaryOf: PrimaryPolicyOf): LedgerEntry[] {
	const entries: LedgerEntry[] = [];
	for (const appointment of store.appointments.values()) {
		if (appointment.status === APPOINTMENT_STATUS.Scheduled) continue;
		for (const patientId of appointment.patientIds) {
			const patient = store.patients.get(patientId);
			if (!patient) continue;
			const charge = chargeFor(store, patient, appointment, primaryOf);
			const amountCents = charge?.chargedCents ?? 0;
			entries.push({ type: 'Charge', recordId: appointment.id, patientId, amountCents, date: appointment.start.slice(0, 10), enteredAt: appointment.updatedAt });
		}
	}
	return entries;
}

const paymentEntry = (p: Payment): LedgerEntry => ({ type: 'Payment', recordId: p.id, patientId: p.patientId, amountCents: p.amountCents, date: p.date, enteredAt: p.createdAt });

/** Insurance money an ERA posted: one line per claim it paid or denied, entered when posted. */
function eraEntry(store: Store, claim: Claim): LedgerEntry {
	const date = store.appointments.get(claim.appointmentId)?.start.slice(0, 10) ?? claim.createdAt.slice(0, 10);
	return { type: 'InsurancePayment', recordId: claim.id, patientId: claim.patientId, amountCents: claim.paidCents, date, enteredAt: claim.statusChangedAt ?? claim.updatedAt };
}

const TYPE_ORDER: Record<LedgerEntry['type'], number> = { Charge: 0, Payment: 1, InsurancePayment: 2 };

/** Charges, payments (front desk, portal and insurance) and ERA postings, most recently entered first. */
export function ledgerActivity(store: Store): LedgerEntry[] {
	const entries = chargeEntries(store, primaryPolicies(store));
	for (const p of store.payments.values()) entries.push(paymentEntry(p));
	for (const c of store.claims.values()) if (c.eraId !== null) entries.push(eraEntry(store, c));
	// A total order, so pages never overlap even when many lines share a minute.
	return entries.sort((a, b) => (a.enteredAt < b.enteredAt ? 1 : a.enteredAt > b.enteredAt ? -1 : TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || b.recordId - a.recordId || b.patientId - a.patientId));
}
