import type { RunningSandbox } from '../../../sandbox/server';
import type { Store } from '../../../sandbox/data/store';
import { addDays } from '../../../sandbox/util/dates';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import type { RawPortalClient } from '../../helpers/portalClient';

const FEE_CENTS = 7500;

interface BalanceAnswer {
	Success: boolean;
	PatientID: number;
	Balance: number;
	UnappliedCredit: number;
	Aging: Record<string, number>;
}

interface UnpaidRow {
	PatientID: number;
	CalendarEntryID: number;
	CalendarEntryEncryptedID: string;
	ChargeType: string;
	Charged: number;
	Paid: number;
	AmountOwed: number;
	DaysOutstanding: number;
}

interface PaymentRow {
	ID: number;
	PatientID: number;
	Amount: number;
}

/** The billing handlers with typed answers, as a test reads them. */
function billing(client: RawPortalClient) {
	const call = async <T>(path: string, msg: number, fields: Record<string, string>) => (await client.call(path, msg, fields)) as unknown as T;
	return {
		balance: (patientId: number | string) => call<BalanceAnswer>('/app/billing/patients/loadbalance.aspx', 2, { patientid: String(patientId) }),
		unpaid: async (patientId: number | string) => (await call<{ Sessions: UnpaidRow[] }>('/app/billing/patients/loadunpaidsessions.aspx', 3, { patientid: String(patientId) })).Sessions,
		overduePage: (minDays: number, page: number) =>
			call<{ Sessions: UnpaidRow[]; PageCount: number; TotalCount: number }>('/app/billing/loadunpaidsessions.aspx', 4, { mindaysoutstanding: String(minDays), page: String(page) }),
		save: (payment: Record<string, unknown>) => client.call('/app/billing/payments/savepayment.aspx', 5, { payment: JSON.stringify(payment) }),
		payments: async (patientId: number) => (await call<{ Payments: PaymentRow[] }>('/app/billing/payments/loadpatientpayments.aspx', 6, { patientid: String(patientId) })).Payments,
		byReference: async (reference: string) => (await call<{ Payments: PaymentRow[] }>('/app/billing/payments/searchpayments.aspx', 7, { reference })).Payments,
	};
}

type Billing = ReturnType<typeof billing>;

/** Every page of the practice-wide overdue list. */
async function allOverdue(api: Billing, minDays: number): Promise<UnpaidRow[]> {
	const rows: UnpaidRow[] = [];
	for (let page = 1; ; page++) {
		const answer = await api.overduePage(minDays, page);
		rows.push(...answer.Sessions);
		if (page >= answer.PageCount) return rows;
	}
}

/** What the patient owes, written from the brief's rule and not from sandbox/handlers/ledger.ts. */
function expectedBalanceCents(store: Store, patientId: number): number {
	const patient = store.patients.get(patientId)!;
	const primary = [...store.policies.values()].find((p) => p.patientId === patientId && p.priority === 1);
	let owed = 0;
	for (const a of store.appointments.values()) {
		if (!a.patientIds.includes(patientId)) continue;
		if (a.status === 1) owed += primary ? primary.copayCents : patient.sessionFeeCents;
		else if ([2, 3, 4].includes(a.status) && a.chargeFee) owed += FEE_CENTS;
	}
	const paid = [...store.payments.values()].filter((p) => p.patientId === patientId && p.method !== 'insurance').reduce((s, p) => s + p.amountCents, 0);
	return owed - paid;
}

const cents = (dollars: unknown) => Math.round(Number(dollars) * 100);
const agingTotal = (aging: Record<string, number>) => Object.values(aging).reduce((s, v) => s + cents(v), 0);

describe('patient billing on the seeded practice', () => {
	let sandbox: RunningSandbox;
	let api: Billing;
	beforeAll(async () => {
		sandbox = await withSandbox();
		api = billing(await loggedInClient(sandbox, 'plain'));
	});
	afterAll(() => sandbox.close());

	const store = () => sandbox.state.store;

	test('every balance equals what the patient owes minus what the patient paid, and the aging adds up', async () => {
		let withBalance = 0;
		for (const patient of store().patients.values()) {
			const answer = await api.balance(patient.id);
			expect(answer).toMatchObject({ Success: true, Result: 1, PatientID: patient.id, PatientEncryptedID: patient.encryptedId });
			expect(cents(answer.Balance)).toBe(expectedBalanceCents(store(), patient.id));
			expect(agingTotal(answer.Aging) - cents(answer.UnappliedCredit)).toBe(cents(answer.Balance));
			if (cents(answer.Balance) > 0) withBalance++;
		}
		expect(withBalance).toBeGreaterThan(0);
	});

	test('unpaid sessions of a patient add up to the aged balance and are that patient’s appointments', async () => {
		const patient = [...store().patients.values()].find((p) => expectedBalanceCents(store(), p.id) > 0)!;
		const sessions = await api.unpaid(patient.encryptedId);
		expect(sessions.length).toBeGreaterThan(0);
		expect(sessions.reduce((s, r) => s + cents(r.AmountOwed), 0)).toBe(agingTotal((await api.balance(patient.id)).Aging));
		for (const row of sessions) {
			expect(store().appointments.get(row.CalendarEntryID)!.patientIds).toContain(patient.id);
			expect(row).toMatchObject({ PatientID: patient.id, Date: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4}$/) });
			expect(cents(row.AmountOwed)).toBe(cents(row.Charged) - cents(row.Paid));
		}
	});

	test('the practice-wide overdue list holds every unpaid session at least N days old, oldest first', async () => {
		let expected = 0;
		for (const patient of store().patients.values()) expected += (await api.unpaid(patient.id)).filter((r) => r.DaysOutstanding >= 30).length;
		expect(expected).toBeGreaterThan(0);
		const first = await api.overduePage(30, 1);
		expect(first.TotalCount).toBe(expected);
		expect(first.PageCount).toBe(Math.max(1, Math.ceil(expected / 50)));
		const all = await allOverdue(api, 30);
		expect(all).toHaveLength(expected);
		const days = all.map((r) => r.DaysOutstanding);
		expect(days).toEqual([...days].sort((a, b) => b - a));
		expect(Math.min(...days)).toBeGreaterThanOrEqual(30);
	});

	test('a posted payment lowers the balance, is applied to its session and is found by reference (not de-duplicated)', async () => {
		let patient = [...store().patients.values()][0];
		let session: UnpaidRow | undefined;
		for (patient of store().patients.values()) {
			session = (await api.unpaid(patient.id)).find((r) => cents(r.AmountOwed) >= 2000);
			if (session) break;
		}
		if (!session) throw new Error('the seed has no session owing $20 or more');
		const before = await api.balance(patient.id);
		const payment = { PatientID: patient.encryptedId, Amount: 12.34, Method: 'card', Reference: 'pi_sandbox_0001', AppliedTo: [session.CalendarEntryEncryptedID] };
		const saved = await api.save(payment);
		expect(saved).toMatchObject({ Success: true, Result: 1, ID: expect.any(Number), EncryptedID: expect.stringMatching(/^[A-Za-z0-9_-]{16,22}$/) });
		expect(cents((await api.balance(patient.id)).Balance)).toBe(cents(before.Balance) - 1234);
		const sameSession = (await api.unpaid(patient.id)).find((r) => r.CalendarEntryID === session!.CalendarEntryID);
		expect(cents(sameSession?.Paid)).toBe(cents(session.Paid) + 1234);

		expect(await api.byReference('pi_sandbox_0001')).toEqual([expect.objectContaining({ ID: saved.ID, PatientID: patient.id, Amount: 12.34, Method: 'card', AppliedTo: [session.CalendarEntryID] })]);
		expect((await api.payments(patient.id)).map((p) => p.ID)).toContain(saved.ID);
		expect((await admin(sandbox, 'GET', 'audit')).entries).toContainEqual(expect.objectContaining({ action: 'create', kind: 'payment', id: saved.ID, by: 'portal' }));

		await api.save(payment);
		expect(await api.byReference('pi_sandbox_0001')).toHaveLength(2);
		expect(await api.byReference('pi_sandbox_9999')).toEqual([]);
	});

	test.each([0, -5, 10.005, 'abc', '', null])('Amount %p is refused naming payment.Amount and nothing is stored', async (amount) => {
		const patient = [...store().patients.values()][0];
		const paymentsBefore = store().payments.size;
		const auditBefore = (await admin(sandbox, 'GET', 'audit')).entries.length;
		const answer = await api.save({ PatientID: patient.id, Amount: amount, Method: 'cash', Reference: 'bad-amount' });
		expect(answer).toMatchObject({ Success: false, Result: 0 });
		expect(String(answer.ErrorMessage)).toContain('payment.Amount');
		expect(store().payments.size).toBe(paymentsBefore);
		expect((await admin(sandbox, 'GET', 'audit')).entries.length).toBe(auditBefore);
	});

	test('unknown patient, bad method, long reference and another patient’s appointment are refused by name', async () => {
		const [a, b] = [...store().patients.values()];
		const otherAppointment = [...store().appointments.values()].find((x) => x.patientIds.includes(b.id) && !x.patientIds.includes(a.id))!;
		const base = { PatientID: a.id, Amount: '20.00', Method: 'check' };
		const cases: [Record<string, unknown>, RegExp][] = [
			[{ ...base, PatientID: 999999 }, /payment\.PatientID/],
			[{ ...base, Method: 'bitcoin' }, /payment\.Method/],
			[{ ...base, Reference: 'x'.repeat(101) }, /payment\.Reference/],
			[{ ...base, AppliedTo: [otherAppointment.id] }, /payment\.AppliedTo\[0\].*this patient/],
			[{ ...base, AppliedTo: [424242] }, /payment\.AppliedTo\[0\]/],
			[{ ...base, Date: '01/01/2999' }, /payment\.Date/],
		];
		const before = store().payments.size;
		for (const [payment, message] of cases) {
			const answer = await api.save(payment);
			expect(answer.Success).toBe(false);
			expect(String(answer.ErrorMessage)).toMatch(message);
		}
		expect(store().payments.size).toBe(before);
	});

	test('the payment-post admin action records a front-desk payment that the handlers see', async () => {
		const patient = [...store().patients.values()][2];
		const before = cents((await api.balance(patient.id)).Balance);
		const posted = await admin(sandbox, 'POST', 'act/payment-post', { patientId: patient.id, amountCents: 4000, reference: 'desk-001' });
		expect(posted).toMatchObject({ patientId: patient.id, amountCents: 4000 });
		expect(cents((await api.balance(patient.id)).Balance)).toBe(before - 4000);
		expect((await api.byReference('desk-001'))[0]).toMatchObject({ ID: posted.id, Amount: 40 });
		expect((await admin(sandbox, 'POST', 'act/payment-post', { patientId: patient.id, amountCents: 0 })).error).toMatch(/amountCents/);
	});
});

describe('aging buckets follow the sandbox clock', () => {
	let sandbox: RunningSandbox;
	afterAll(() => sandbox.close());

	test('a self-pay session and a charged missed appointment age through every bucket, then payments clear them', async () => {
		sandbox = await withSandbox();
		// Keep the test away from midnight so a day boundary cannot slip in between two calls.
		if (sandbox.state.nowIso().slice(11) >= '23:50') await admin(sandbox, 'POST', 'clock', { advanceMinutes: 15 });
		const today = sandbox.state.nowIso().slice(0, 10);
		const patient = await admin(sandbox, 'POST', 'act/patient-create', {});
		const show = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: patient.id, start: `${today}T08:00` });
		const missed = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: patient.id, start: `${addDays(today, -10)}T08:00` });
		await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: show.id, status: 1 });
		await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: missed.id, status: 2, chargeFee: true });

		let moved = 0;
		const agingAfter = async (days: number) => {
			await admin(sandbox, 'POST', 'clock', { advanceMinutes: (days - moved) * 24 * 60 });
			moved = days;
			// Weeks of virtual time end the idle session, so log in again, as a person would.
			const answer = await billing(await loggedInClient(sandbox, 'plain')).balance(patient.id);
			expect(cents(answer.Balance)).toBe(22500);
			return answer.Aging;
		};
		const zero = { Current: 0, Days31To60: 0, Days61To90: 0, Days91To120: 0, Over120: 0 };
		expect(await agingAfter(0)).toEqual({ ...zero, Current: 225 });
		expect(await agingAfter(20)).toEqual({ ...zero, Current: 225 });
		expect(await agingAfter(21)).toEqual({ ...zero, Current: 150, Days31To60: 75 });
		expect(await agingAfter(30)).toEqual({ ...zero, Current: 150, Days31To60: 75 });
		expect(await agingAfter(31)).toEqual({ ...zero, Days31To60: 225 });
		expect(await agingAfter(61)).toEqual({ ...zero, Days61To90: 225 });
		expect(await agingAfter(91)).toEqual({ ...zero, Days91To120: 225 });
		expect(await agingAfter(111)).toEqual({ ...zero, Days91To120: 150, Over120: 75 });
		expect(await agingAfter(121)).toEqual({ ...zero, Over120: 225 });

		const api = billing(await loggedInClient(sandbox, 'plain'));
		const overdue = await allOverdue(api, 131);
		expect(overdue).toContainEqual(expect.objectContaining({ CalendarEntryID: missed.id, PatientID: patient.id, ChargeType: 'MissedFee', AmountOwed: 75, DaysOutstanding: 131 }));
		expect(overdue.some((r) => r.CalendarEntryID === show.id)).toBe(false);

		await api.save({ PatientID: patient.id, Amount: 75, Method: 'cash', AppliedTo: [missed.id] });
		expect(await api.balance(patient.id)).toMatchObject({ Balance: 150, Aging: { ...zero, Over120: 150 } });
		await api.save({ PatientID: patient.id, Amount: '200', Method: 'other' });
		expect(await api.balance(patient.id)).toMatchObject({ Balance: -50, UnappliedCredit: 50, Aging: zero });
		expect(await api.unpaid(patient.id)).toEqual([]);
	});
});
