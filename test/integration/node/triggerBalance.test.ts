import type { INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { allLedgers, MISSED_APPOINTMENT_FEE_CENTS, owedCents, type Ledger } from '../../../sandbox/handlers/ledger';
import { balanceScope } from '../../../lib/client/events/balanceChanges';
import { FingerprintSet } from '../../../lib/client/events/fingerprints';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { PolledTrigger } from '../../helpers/n8n/poll';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import { submittedClaims } from '../../helpers/sessions';
import { sandboxCredential, setFaults, stats } from './fixtures';

// Balance Overdue polled by n8n-core's PollContext against the sandbox over real HTTP: crossings
// by ageing (the sandbox clock moves) and by new charges, payments that clear, what an idle poll
// costs, restarts and dropped answers.

jest.setTimeout(180_000);

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox));
});
afterEach(async () => {
	await setFaults(sandbox, []);
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const DAY_MINUTES = 24 * 60;
const trigger = (parameters: INodeParameters, on: INodeCredentialsDetails = credential) => new PolledTrigger(n8n.credentialsHelper, { event: 'balanceOverdue', ...parameters }, on);
const act = (action: string, body: Record<string, unknown>) => admin(sandbox, 'POST', `act/${action}`, body);
const today = () => sandbox.state.nowIso().slice(0, 10);
const shiftDays = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const patientIdsOf = (items: { json: Record<string, unknown> }[] | null) => (items ?? []).map((item) => Number(item.json.patientId)).sort((a, b) => a - b);

/** One poll, and the portal requests per handler it made. */
async function countedPoll(t: PolledTrigger) {
	const before = (await stats(sandbox)).requests as Record<string, number>;
	const items = await t.poll();
	const after = (await stats(sandbox)).requests as Record<string, number>;
	const requests: Record<string, number> = {};
	for (const [handler, count] of Object.entries(after)) if (count !== (before[handler] ?? 0)) requests[handler] = count - (before[handler] ?? 0);
	return { items, requests };
}

/** Overdue cents per patient as the sandbox's own ledger has it: unpaid charges served on or before `cutoff`. */
function overdueOn(cutoff: string, ledgers: Ledger[] = allLedgers(sandbox.state.store)): Map<number, number> {
	const overdue = new Map<number, number>();
	for (const ledger of ledgers) {
		const cents = ledger.charges.filter((c) => owedCents(c) > 0 && c.appointment.start.slice(0, 10) <= cutoff).reduce((sum, c) => sum + owedCents(c), 0);
		overdue.set(ledger.patient.id, cents);
	}
	return overdue;
}

/** An active patient, made to owe nothing (one payment pays the oldest charges first), so a new fee is owed in full. */
async function debtFreePatient(skip: number[] = []): Promise<number> {
	const ledger = allLedgers(sandbox.state.store).find((l) => l.patient.status === 'active' && l.creditCents === 0 && !skip.includes(l.patient.id))!;
	const owed = ledger.charges.reduce((sum, c) => sum + owedCents(c), 0);
	if (owed > 0) await act('payment-post', { patientId: ledger.patient.id, amountCents: owed, method: 'check' });
	return ledger.patient.id;
}

/** Patients with an unpaid charge served on `day`. */
const unpaidOn = (day: string) => new Set(allLedgers(sandbox.state.store).flatMap((l) => (l.charges.some((c) => owedCents(c) > 0 && c.appointment.start.startsWith(day)) ? [l.patient.id] : [])));

/** The patient whose overdue amount grows most from one cutoff to the next, and that amount: a threshold it crosses. */
function biggestCrossing(before: Map<number, number>, after: Map<number, number>) {
	const [patientId, cents] = [...after].sort(([a, x], [b, y]) => y - (before.get(b) ?? 0) - (x - (before.get(a) ?? 0)))[0];
	return { patientId, thresholdCents: cents };
}

const crossings = (before: Map<number, number>, after: Map<number, number>, thresholdCents: number) =>
	[...after].filter(([id, cents]) => cents >= thresholdCents && (before.get(id) ?? 0) < thresholdCents).map(([id]) => id).sort((a, b) => a - b);

/**
 * Moves the sandbox clock to 23:00 with sessions that outlive two idle hours, so a poll logged in
 * then can cross midnight two hours later without logging in again (a login lasts 12 hours): the
 * requests counted are the poll's own.
 */
async function lateEvening(): Promise<void> {
	await admin(sandbox, 'POST', 'config', { idleTimeoutMinutes: 3 * 60 });
	const now = sandbox.state.nowIso();
	const minutes = Number(now.slice(11, 13)) * 60 + Number(now.slice(14, 16));
	await admin(sandbox, 'POST', 'clock', { advanceMinutes: (23 * 60 - minutes + DAY_MINUTES) % DAY_MINUTES });
}

const pastMidnight = () => admin(sandbox, 'POST', 'clock', { advanceMinutes: 120 });

/** The Balance Overdue state the trigger keeps in the node's static data. */
function savedState(t: PolledTrigger): Record<string, unknown> {
	const node = Object.values(t.savedStaticData())[0] as { therapyNotes: { state: Record<string, unknown> } };
	return node.therapyNotes.state;
}

/** Books an appointment earlier today and marks it Missed with the fee: a new charge of MISSED_APPOINTMENT_FEE_CENTS. */
async function missedFee(patientId: number, hour: number): Promise<number> {
	const appointment = await act('appointment-create', { patientId, start: `${today()}T${String(hour).padStart(2, '0')}:00` });
	await act('appointment-status', { appointmentId: appointment.id, status: 2, chargeFee: true });
	return Number(appointment.id);
}

describe('trigger: Balance Overdue by ageing', () => {
	test('the first poll of a day re-sums only the patients whose charges aged past the days outstanding, and reports exactly the crossings', async () => {
		await lateEvening();
		const days = [...Array(40).keys()].map((n) => n + 5).find((n) => unpaidOn(shiftDays(today(), 1 - n)).size > 0)!;
		const agedDay = shiftDays(today(), 1 - days);
		const agedPatients = unpaidOn(agedDay);
		const before = overdueOn(shiftDays(agedDay, -1));
		const after = overdueOn(agedDay);
		const { patientId, thresholdCents } = biggestCrossing(before, after);
		const expected = crossings(before, after, thresholdCents);
		expect(expected).toContain(patientId);
		const t = trigger({ amountThreshold: thresholdCents / 100, daysOutstanding: days });
		expect(await t.poll()).toBeNull();
		expect(agedPatients.size).toBeLessThanOrEqual(Number(savedState(t).fullPages));

		await pastMidnight();
		const { items, requests } = await countedPoll(t);
		expect(patientIdsOf(items)).toEqual(expected);
		expect(requests).toEqual({ 'billing/transactions': 1, 'billing/overduesessions': 1, 'billing/unpaidsessions': agedPatients.size });
		for (const item of items ?? []) expect(item.json.overdueCents).toBe(after.get(Number(item.json.patientId)));
		expect(await t.poll()).toBeNull();
	});

	test('after a pause longer than a week the whole list is read again, and every crossing is reported once', async () => {
		const before = overdueOn(shiftDays(today(), -30));
		const after = overdueOn(shiftDays(today(), 10));
		const { thresholdCents } = biggestCrossing(before, after);
		const expected = crossings(before, after, thresholdCents);
		expect(expected.length).toBeGreaterThan(0);
		const t = trigger({ amountThreshold: thresholdCents / 100, daysOutstanding: 30 });
		await t.poll();
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 40 * DAY_MINUTES });
		expect(patientIdsOf(await t.poll())).toEqual(expected);
		expect(await t.poll()).toBeNull();
	});
});

describe('trigger: Balance Overdue by charges and payments', () => {
	test('with 0 days a new charge crosses at once; none while over; a payment clears it and the next crossing has a new eventId', async () => {
		const patientId = await debtFreePatient();
		const t = trigger({ amountThreshold: 50, daysOutstanding: 0 });
		expect(await t.poll()).toBeNull();
		const first = await missedFee(patientId, 8);
		const { items: crossed, requests } = await countedPoll(t);
		expect(crossed!.map((item) => [item.json.patientId, item.json.overdueCents, item.json.appointmentIds])).toEqual([[patientId, MISSED_APPOINTMENT_FEE_CENTS, [first]]]);
		expect(crossed![0].json.idempotencyKey).toMatch(/^tn-[0-9a-f]{40}$/);
		expect(requests).toEqual({ 'billing/transactions': 1, 'billing/unpaidsessions': 1 });

		const second = await missedFee(patientId, 9);
		expect(await t.poll()).toBeNull();
		await act('payment-post', { patientId, amountCents: 2 * MISSED_APPOINTMENT_FEE_CENTS, appliedTo: [first, second], method: 'cash' });
		expect(await t.poll()).toBeNull();
		const third = await missedFee(patientId, 10);
		const again = await t.poll();
		expect(again!.map((item) => [item.json.patientId, item.json.appointmentIds])).toEqual([[patientId, [third]]]);
		expect(again![0].json.eventId).not.toBe(crossed![0].json.eventId);
		expect(again![0].json.idempotencyKey).not.toBe(crossed![0].json.idempotencyKey);
		expect(await t.poll()).toBeNull();
	});

	test('an idle poll costs one request, and two on a new day when no charge aged', async () => {
		await lateEvening();
		// Appointments are booked on weekdays only: pick the days so that the day ageing in is a Saturday.
		const days = [...Array(7).keys()].map((n) => n + 2).find((n) => new Date(`${shiftDays(today(), 1 - n)}T00:00:00Z`).getUTCDay() === 6)!;
		const t = trigger({ amountThreshold: 1, daysOutstanding: days });
		await t.poll();
		expect(await countedPoll(t)).toEqual({ items: null, requests: { 'billing/transactions': 1 } });
		await pastMidnight();
		expect(await countedPoll(t)).toEqual({ items: null, requests: { 'billing/transactions': 1, 'billing/overduesessions': 1 } });
		expect(await countedPoll(t)).toEqual({ items: null, requests: { 'billing/transactions': 1 } });
	});

	test('a restart with the saved state emits no duplicate, and a crossing after it is caught', async () => {
		const one = await debtFreePatient();
		const other = await debtFreePatient([one]);
		const t = trigger({ amountThreshold: 50, daysOutstanding: 0 });
		await t.poll();
		await missedFee(one, 8);
		expect(patientIdsOf(await t.poll())).toEqual([one]);
		t.restart();
		expect(await t.poll()).toBeNull();
		await missedFee(other, 9);
		t.restart();
		expect(patientIdsOf(await t.poll())).toEqual([other]);
		expect(await t.poll()).toBeNull();
	});

	test('a dropped answer (transactions or re-sum) or a 5xx fails the poll and loses nothing; after an expired session the next poll reports the crossing once', async () => {
		const patientId = await debtFreePatient();
		const t = trigger({ amountThreshold: 50, daysOutstanding: 0 });
		await t.poll();
		const before = t.savedStaticData();
		await missedFee(patientId, 8);
		const failures: [string, string, RegExp][] = [
			['billing/transactions', 'drop', /Could not reach TherapyNotes/],
			['billing/unpaidsessions', 'drop', /Could not reach TherapyNotes/],
			['billing/unpaidsessions', '5xx', /HTTP 500/],
		];
		for (const [handler, fault, error] of failures) {
			await setFaults(sandbox, [{ handler, fault }]);
			await expect(t.poll()).rejects.toThrow(error);
			expect(t.savedStaticData()).toEqual(before);
		}
		await setFaults(sandbox, []);
		await admin(sandbox, 'POST', 'sessions/expire');
		expect(patientIdsOf(await t.poll())).toEqual([patientId]);
		// A patient over the threshold since the baseline is paid up (seen below it), then charged again.
		const other = await debtFreePatient([patientId]);
		expect(await t.poll()).toBeNull();
		await missedFee(other, 9);
		await setFaults(sandbox, [{ handler: 'billing/transactions', fault: 'drop', count: 1 }]);
		expect(patientIdsOf(await t.poll())).toEqual([other]);
		await setFaults(sandbox, []);
		expect(await t.poll()).toBeNull();
	});

	test('front-desk and ERA payments both appear in the transactions the trigger reads', async () => {
		const claim = sandbox.state.store.claims.get((await submittedClaims(sandbox, 1))[0])!;
		await act('claims-adjudicate', { claimIds: [claim.id], outcome: 'accept' });
		await act('era-post', { claimIds: [claim.id] });
		const patientId = await debtFreePatient();
		const payment = await act('payment-post', { patientId, amountCents: 1234, method: 'check' });
		const client = await loggedInClient(sandbox);
		const answer = (await client.call('/app/billing/loadtransactions.aspx', 8, { page: '1' })) as unknown as { Transactions: { Type: string; ID: number; PatientID: number }[] };
		const lines = answer.Transactions.map((line) => [line.Type, line.ID, line.PatientID]);
		expect(lines).toContainEqual(['Payment', payment.id, patientId]);
		expect(lines).toContainEqual(['InsurancePayment', claim.id, claim.patientId]);
	});
});

describe('trigger: Balance Overdue at the clinic size', () => {
	test('static data stays under 64 KB and an idle poll costs one request', async () => {
		const clinic = await withSandbox({ size: 'clinic' });
		try {
			// 200 days rather than 30 keeps the baseline's full read (the sandbox rebuilds every ledger for each
			// of its pages) to about 85 pages; the worst case, every patient over, is a unit test.
			const t = trigger({ amountThreshold: 1, daysOutstanding: 200 }, await n8n.addCredential(sandboxCredential(clinic), 'clinic'));
			expect(await t.poll()).toBeNull();
			const saved = t.savedStaticData();
			const bytes = JSON.stringify(saved).length;
			const overCount = [...overdueOn(shiftDays(clinic.state.nowIso().slice(0, 10), -200), allLedgers(clinic.state.store)).values()].filter((cents) => cents >= 100).length;
			expect(overCount).toBeGreaterThan(500);
			expect(bytes).toBeLessThan(64 * 1024);
			expect(bytes).toBeGreaterThan(overCount);
			const before = (await admin(clinic, 'GET', 'stats')).totalRequests;
			expect(await t.poll()).toBeNull();
			expect((await admin(clinic, 'GET', 'stats')).totalRequests - before).toBe(1);
		} finally {
			await clinic.close();
		}
	}, 400_000);
});

describe('trigger: Balance Overdue upgraded from the first version', () => {
	test("a state of the version that read the whole list each poll is diffed against one more full read, not taken as a silent baseline", async () => {
		const cutoff = shiftDays(today(), -30);
		const over = [...overdueOn(cutoff)].filter(([, cents]) => cents >= 100).map(([id]) => id).sort((a, b) => a - b);
		expect(over.length).toBeGreaterThan(2);
		const [missing, ...known] = over;
		const prints = new FingerprintSet();
		for (const id of known) prints.set(id, 0x123456);
		const v1 = { v: 1, scope: balanceScope(100, 30), over: prints.encode() };
		const t = new PolledTrigger(n8n.credentialsHelper, { event: 'balanceOverdue', amountThreshold: 1, daysOutstanding: 30 }, credential, {
			'node:TherapyNotes Trigger': { therapyNotes: { event: 'balanceOverdue', state: v1 } },
		});
		expect(patientIdsOf(await t.poll())).toEqual([missing]);
		expect(savedState(t)).toMatchObject({ v: 2, cutoff });
		expect(await t.poll()).toBeNull();
	});
});
