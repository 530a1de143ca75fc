import type { RunningSandbox } from '../../../sandbox/server';
import type { Patient as SandboxPatient, Payment as SandboxPayment } from '../../../sandbox/data/types';
import { agingOf, ledgerOf, owedCents } from '../../../sandbox/handlers/ledger';
import { createStandaloneClient, InvalidInputError, PortalHttpError, PortalRefusalError, type TherapyNotesClient } from '../../../lib/client';
import { admin, sandboxDay, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';

let sandbox: RunningSandbox;
let client: TherapyNotesClient;

const stats = async () => admin(sandbox, 'GET', 'stats');
const hits = async (handler: string) => Number((await stats()).requests[handler] ?? 0);
const paymentsWith = async (reference: string) => (await admin(sandbox, 'GET', `records/payments?reference=${encodeURIComponent(reference)}`)).rows as SandboxPayment[];
const faults = (rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });
const now = () => sandbox.state.nowIso();

/** A patient who owes at least `minCents` on one session, and that session. */
function owingPatient(minCents: number): { patient: SandboxPatient; appointmentId: number; owed: number } {
	for (const patient of sandbox.state.store.patients.values()) {
		const charge = ledgerOf(sandbox.state.store, patient).charges.find((c) => owedCents(c) >= minCents);
		if (charge) return { patient, appointmentId: charge.appointment.id, owed: owedCents(charge) };
	}
	throw new Error('the seed has no such session');
}

async function refusedLocally(run: () => Promise<unknown>, field: string): Promise<void> {
	const before = (await stats()).totalRequests;
	const error = await run().then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(InvalidInputError);
	expect((error as InvalidInputError).field).toBe(field);
	expect((await stats()).totalRequests).toBe(before);
}

beforeAll(async () => {
	sandbox = await withSandbox();
	client = createStandaloneClient({ credentials: credentialsFor(sandbox, 'plain'), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
});
afterAll(() => sandbox.close());
afterEach(async () => {
	await faults([]);
});

describe('balances and unpaid sessions', () => {
	test('balance and aging in cents, as the ledger holds them, by either id', async () => {
		const { patient } = owingPatient(1);
		const ledger = ledgerOf(sandbox.state.store, patient);
		const aging = agingOf(ledger, now());
		const balance = await client.billing.balance(patient.encryptedId);
		expect(balance).toEqual({
			patientId: patient.id,
			patientEncryptedId: patient.encryptedId,
			asOfDate: now().slice(0, 10),
			balanceCents: ledger.chargedCents - ledger.paidCents,
			totalChargedCents: ledger.chargedCents,
			totalPaidCents: ledger.paidCents,
			unappliedCreditCents: ledger.creditCents,
			agingCents: aging,
		});
		expect(balance.balanceCents).toBeGreaterThan(0);
		expect(await client.billing.balance(patient.id)).toEqual(balance);
	});

	test('unpaid sessions of a patient: appointment ids, charge types and cents', async () => {
		const { patient } = owingPatient(1);
		const expected = ledgerOf(sandbox.state.store, patient).charges.filter((c) => owedCents(c) > 0);
		const rows = await client.billing.unpaidSessions(patient.id);
		expect(rows.map((r) => r.appointmentId)).toEqual(expected.map((c) => c.appointment.id));
		expect(rows.map((r) => r.owedCents)).toEqual(expected.map(owedCents));
		for (const row of rows) {
			expect(row.owedCents).toBe(row.chargedCents - row.paidCents);
			expect(['session', 'missedFee', 'cancellationFee', 'lateCancellationFee']).toContain(row.chargeType);
			expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		}
	});

	test('practice-wide overdue: every page, most overdue first; a limit stops early', async () => {
		const first = await client.billing.overdueSessionsPage({ minDaysOutstanding: 30 });
		expect(first.page).toBe(1);
		expect(first.totalCount).toBeGreaterThan(50);
		const pagesBefore = await hits('billing/overduesessions');
		const all = await client.billing.overdueSessions({ minDaysOutstanding: 30 });
		expect(await hits('billing/overduesessions')).toBe(pagesBefore + first.pageCount);
		expect(all).toHaveLength(first.totalCount);
		const days = all.map((r) => r.daysOutstanding);
		expect(days).toEqual([...days].sort((a, b) => b - a));
		expect(Math.min(...days)).toBeGreaterThanOrEqual(30);
		const limited = await client.billing.overdueSessions({ minDaysOutstanding: 30, limit: 60 });
		expect(limited).toEqual(all.slice(0, 60));
		const second = await client.billing.overdueSessionsPage({ minDaysOutstanding: 30, page: 2 });
		expect(second.sessions).toEqual(all.slice(50, 100));
		await refusedLocally(() => client.billing.overdueSessionsPage({ minDaysOutstanding: -1 }), 'minDaysOutstanding');
		await refusedLocally(() => client.billing.overdueSessionsPage({ page: 0 }), 'page');
	});
});

describe('posting payments', () => {
	test('a payment is posted, applied to its session, and returned as the portal holds it', async () => {
		const { patient, appointmentId, owed } = owingPatient(2000);
		const before = await client.billing.balance(patient.id);
		const result = await client.billing.postPayment({ patientId: patient.encryptedId, amountCents: 1234, method: 'card', reference: 'pi_client_0001', appliedToAppointmentIds: [appointmentId] });
		expect(result.alreadyPosted).toBe(false);
		expect(result.payment).toMatchObject({ patientId: patient.id, amountCents: 1234, method: 'card', reference: 'pi_client_0001', appliedToAppointmentIds: [appointmentId], date: now().slice(0, 10) });
		expect(await paymentsWith('pi_client_0001')).toHaveLength(1);
		expect((await client.billing.balance(patient.id)).balanceCents).toBe(before.balanceCents - 1234);
		const session = (await client.billing.unpaidSessions(patient.id)).find((r) => r.appointmentId === appointmentId);
		expect(session?.owedCents).toBe(owed - 1234);
		expect((await client.billing.findPayments('pi_client_0001')).map((p) => p.id)).toEqual([result.payment.id]);
		expect((await client.billing.listPayments(patient.id)).map((p) => p.id)).toContain(result.payment.id);
	});

	test('the same reference 3 times with the first answer dropped: exactly one payment', async () => {
		const { patient } = owingPatient(1);
		await faults([{ handler: 'billing/savepayment', fault: 'drop', count: 1 }]);
		const saves = await hits('billing/savepayment');
		const input = { patientId: patient.id, amountCents: 4000, method: 'card' as const, reference: 'pi_3NdropTest', date: sandboxDay(sandbox, -1) };
		const results = [];
		for (let i = 0; i < 3; i++) results.push(await client.billing.postPayment(input));
		expect(await hits('billing/savepayment')).toBe(saves + 1);
		const stored = await paymentsWith('pi_3NdropTest');
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ amountCents: 4000, patientId: patient.id, date: sandboxDay(sandbox, -1) });
		expect(results.map((r) => r.alreadyPosted)).toEqual([false, true, true]);
		expect(new Set(results.map((r) => r.payment.id))).toEqual(new Set([stored[0].id]));
	});

	test('a 5xx: looked up, absent, reported; a reference reused for another amount is refused', async () => {
		const { patient } = owingPatient(1);
		await faults([{ handler: 'billing/savepayment', fault: '5xx', count: 1 }]);
		const error = await client.billing.postPayment({ patientId: patient.id, amountCents: 500, method: 'cash', reference: 'receipt-77' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalHttpError);
		expect(await paymentsWith('receipt-77')).toHaveLength(0);
		await client.billing.postPayment({ patientId: patient.id, amountCents: 500, method: 'cash', reference: 'receipt-77' });
		const saves = await hits('billing/savepayment');
		const reused = await client.billing.postPayment({ patientId: patient.id, amountCents: 900, method: 'cash', reference: 'receipt-77' }).catch((e: unknown) => e);
		expect(reused).toBeInstanceOf(InvalidInputError);
		expect((reused as InvalidInputError).field).toBe('reference');
		expect(await hits('billing/savepayment')).toBe(saves);
		expect(await paymentsWith('receipt-77')).toHaveLength(1);
	});

	test('bad input is refused before any request; the portal’s own refusal is surfaced', async () => {
		const ok = { patientId: 1001, amountCents: 500, method: 'card' as const, reference: 'pi_bad' };
		await refusedLocally(() => client.billing.postPayment({ ...ok, amountCents: 0 }), 'amountCents');
		await refusedLocally(() => client.billing.postPayment({ ...ok, amountCents: 12.5 }), 'amountCents');
		await refusedLocally(() => client.billing.postPayment({ ...ok, method: 'bitcoin' as never }), 'method');
		await refusedLocally(() => client.billing.postPayment({ ...ok, reference: '   ' }), 'reference');
		await refusedLocally(() => client.billing.postPayment({ ...ok, date: '2026-02-30' }), 'date');
		await refusedLocally(() => client.billing.postPayment({ ...ok, appliedToAppointmentIds: [5, 5] }), 'appliedToAppointmentIds');
		await refusedLocally(() => client.billing.balance('Robert; DROP'), 'patientId');
		const future = await client.billing.postPayment({ ...ok, reference: 'pi_future', date: sandboxDay(sandbox, 40) }).catch((e: unknown) => e);
		expect(future).toBeInstanceOf(PortalRefusalError);
		expect((future as PortalRefusalError).message).toContain('payment.Date');
	});
});
