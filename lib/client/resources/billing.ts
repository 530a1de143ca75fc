import { z } from 'zod';
import { billing as wire } from '../../portal';
import {
	ledgerPageSchema,
	overduePageSchema,
	overdueParamsSchema,
	patientBalanceSchema,
	paymentReferenceSchema,
	paymentSchema,
	postPaymentSchema,
	unpaidSessionSchema,
	type LedgerPage,
	type OverduePage,
	type OverdueParams,
	type PatientBalance,
	type Payment,
	type PostPaymentInput,
	type PostPaymentResult,
	type UnpaidSession,
} from '../schemas/billing';
import { PortalChangedError } from '../../session/errors';
import { patientRefSchema } from '../schemas/patient';
import { checkInput, checkOutput, InvalidInputError } from '../validation';
import { checkFields, outcomeUnknown } from './appointments';
import type { Requester } from './patients';

const payments = z.array(paymentSchema);
const unpaidList = z.array(unpaidSessionSchema);

/** A reference already used for another patient or amount is a mistake, not a repeat: refuse it. */
function assertSamePayment(existing: Payment, input: z.infer<typeof postPaymentSchema>): void {
	const patient = String(input.patientId);
	const samePatient = !/^\d+$/.test(patient) || Number(patient) === existing.patientId;
	if (samePatient && existing.amountCents === input.amountCents) return;
	throw new InvalidInputError('reference', `was already used by payment ${existing.id} for a different patient or amount; nothing was posted`);
}

export class BillingResource {
	constructor(protected readonly session: Requester) {}

	/** Balance, totals and aging buckets, in cents. */
	async balance(patientRef: number | string): Promise<PatientBalance> {
		const patient = checkInput(patientRefSchema, patientRef, 'patientId');
		return checkOutput(patientBalanceSchema, await this.session.request(wire.getBalance(patient)), 'billing/balance');
	}

	/** The patient's sessions and fees with an amount still owed, oldest first. */
	async unpaidSessions(patientRef: number | string): Promise<UnpaidSession[]> {
		const patient = checkInput(patientRefSchema, patientRef, 'patientId');
		return checkOutput(unpaidList, await this.session.request(wire.unpaidSessions(patient)), 'billing/unpaidsessions');
	}

	/** One page (50 rows) of every patient's unpaid sessions at least `minDaysOutstanding` old, most overdue first. */
	async overdueSessionsPage(params: OverdueParams = {}): Promise<OverduePage> {
		const p = checkFields(overdueParamsSchema, params, 'params');
		const serviceDates = { from: p.serviceDateFrom, to: p.serviceDateTo };
		return checkOutput(overduePageSchema, await this.session.request(wire.overdueSessions(p.minDaysOutstanding, p.page, serviceDates)), 'billing/overduesessions');
	}

	/** One page (50 lines) of the practice's billing transactions, most recently entered first. */
	async ledgerActivityPage(page = 1): Promise<LedgerPage> {
		const p = checkFields(overdueParamsSchema.pick({ page: true }), { page }, 'params');
		return checkOutput(ledgerPageSchema, await this.session.request(wire.transactions(p.page)), 'billing/transactions');
	}

	/** Every page from `page` on (or up to `limit` rows) of the practice-wide overdue list. */
	async overdueSessions(params: OverdueParams = {}): Promise<UnpaidSession[]> {
		const p = checkFields(overdueParamsSchema, params, 'params');
		const rows: UnpaidSession[] = [];
		for (let page = p.page; ; page++) {
			const answer = await this.overdueSessionsPage({ minDaysOutstanding: p.minDaysOutstanding, page, serviceDateFrom: p.serviceDateFrom, serviceDateTo: p.serviceDateTo });
			rows.push(...answer.sessions);
			if (p.limit !== undefined && rows.length >= p.limit) return rows.slice(0, p.limit);
			if (page >= answer.pageCount || answer.sessions.length === 0) return rows;
		}
	}

	async listPayments(patientRef: number | string): Promise<Payment[]> {
		const patient = checkInput(patientRefSchema, patientRef, 'patientId');
		return checkOutput(payments, await this.session.request(wire.patientPayments(patient)), 'billing/patientpayments');
	}

	/** Payments recorded with exactly this reference (oldest first). */
	async findPayments(reference: string): Promise<Payment[]> {
		const text = checkInput(paymentReferenceSchema, reference, 'reference');
		return checkOutput(payments, await this.session.request(wire.findPayments(text)), 'billing/findpayment');
	}

	/**
	 * Posts a patient payment, idempotent by `reference`: the portal does not de-duplicate, so the
	 * reference is looked up first and an existing payment is returned (`alreadyPosted: true`).
	 * When the save's answer is lost, the reference is looked up again before anything else; if it
	 * is still absent the error is raised and nothing is resent, so a payment is never posted twice.
	 */
	async postPayment(input: PostPaymentInput): Promise<PostPaymentResult> {
		const p = checkFields(postPaymentSchema, input, 'payment');
		const existing = (await this.findPayments(p.reference))[0];
		if (existing) {
			assertSamePayment(existing, p);
			return { payment: existing, alreadyPosted: true };
		}
		let saved: { id: number };
		try {
			saved = await this.session.request(
				wire.savePayment({ patient: p.patientId, amountCents: p.amountCents, date: p.date, method: p.method, reference: p.reference, appliedTo: p.appliedToAppointmentIds }),
			);
		} catch (error) {
			if (!outcomeUnknown(error)) throw error;
			const landed = (await this.findPayments(p.reference))[0];
			if (landed) return { payment: landed, alreadyPosted: false };
			throw error;
		}
		const posted = (await this.findPayments(p.reference)).find((payment) => payment.id === saved.id);
		// The portal's search by reference is what makes posting safe; if it misses a fresh payment, it changed.
		if (!posted) throw new PortalChangedError('billing/findpayment', 'Payments', `payment ${saved.id} was saved but is not found by its reference`);
		return { payment: posted, alreadyPosted: false };
	}
}
