import { allLedgers, daysOutstanding, owedCents } from '../../../sandbox/handlers/ledger';
import { check, say, step, stepOk } from '../lib/report';
import { act, advanceDays, dayOffset, executeOk, records, sandboxNow, type ExtraContext } from './context';

/**
 * examples/balance-reminders.json over simulated days. The workflow takes "today" from the
 * portal (a session's date plus its days outstanding), so moving the sandbox clock with
 * /__sandbox/clock moves the recipe's calendar; each simulated day is one `n8n execute --id`
 * of the same workflow, whose stages persist in its static data between executions.
 *
 * Expected mail is computed from the sandbox's own ledger each day with a model of the rule
 * (over $150.00 on sessions unpaid 14+ days → reminder; +7 days → second; +14 → front desk;
 * at or under → cleared), and compared with what the SMTP capture received, as exact sets.
 */

export const BALANCE_RECIPE_ID = 'tnRecipeBalRem01';
const THRESHOLD_CENTS = 15000;
const FRONT_DESK = 'frontdesk@practice.example';

type Stage = { stage: 1 | 2 | 3; since: string };
interface Expected {
	reminder1: number[];
	reminder2: number[];
	flag: number[];
	cleared: number[];
}

/** Patients whose sessions unpaid 14+ days add up to more than $150.00, read from the sandbox's store. */
function overdueNow(ctx: ExtraContext): Map<number, number> {
	const today = ctx.sandbox.state.nowIso();
	const over = new Map<number, number>();
	for (const ledger of allLedgers(ctx.sandbox.state.store)) {
		const cents = ledger.charges.filter((c) => owedCents(c) > 0 && daysOutstanding(c, today) >= 14).reduce((sum, c) => sum + owedCents(c), 0);
		if (cents > 0) over.set(ledger.patient.id, cents);
	}
	return over;
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** The rule, applied to the model's stages; returns what one run must send and updates the model. */
function expectRun(ctx: ExtraContext, stages: Map<number, Stage>): Expected {
	const today = ctx.sandbox.state.nowIso().slice(0, 10);
	const over = overdueNow(ctx);
	const out: Expected = { reminder1: [], reminder2: [], flag: [], cleared: [] };
	for (const [patientId, cents] of over) {
		if (cents <= THRESHOLD_CENTS) continue;
		const known = stages.get(patientId);
		const waited = known ? daysBetween(known.since, today) : 0;
		const next = !known ? 1 : known.stage === 1 && waited >= 7 ? 2 : known.stage === 2 && waited >= 14 ? 3 : null;
		if (next === null) continue;
		out[(['reminder1', 'reminder2', 'flag'] as const)[next - 1]].push(patientId);
		stages.set(patientId, { stage: next, since: today });
	}
	for (const [patientId, known] of [...stages]) {
		if ((over.get(patientId) ?? 0) > THRESHOLD_CENTS) continue;
		if (known.stage === 3) out.cleared.push(patientId);
		stages.delete(patientId);
	}
	return out;
}

/** What the SMTP capture received since `from`, sorted into the same four kinds. */
async function mailSince(ctx: ExtraContext, from: number, idByEmail: Map<string, number>): Promise<Expected> {
	const got: Expected = { reminder1: [], reminder2: [], flag: [], cleared: [] };
	for (const mail of ctx.smtp.messages().slice(from)) {
		const frontDesk = /patient (\d+)$/.exec(mail.subject);
		if (mail.to.includes(FRONT_DESK) && frontDesk) (/no longer needed/.test(mail.subject) ? got.cleared : got.flag).push(Number(frontDesk[1]));
		else if (/^Reminder: a balance is overdue/.test(mail.subject)) got.reminder1.push(idByEmail.get(mail.to[0]) ?? -1);
		else if (/^Second reminder: a balance is overdue/.test(mail.subject)) got.reminder2.push(idByEmail.get(mail.to[0]) ?? -1);
	}
	return got;
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const same = (a: number[], b: number[]) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const brief = (e: Expected) => `r1=${e.reminder1.length} r2=${e.reminder2.length} flag=[${sorted(e.flag).join(',')}] cleared=[${sorted(e.cleared).join(',')}]`;

/** A new self-pay client with two sessions 20 and 16 days ago, marked Show: $300.00 unpaid. */
async function makeFixture(ctx: ExtraContext): Promise<{ patientId: number; email: string }> {
	const today = (await sandboxNow(ctx)).slice(0, 10);
	const patient = await act<{ id: number }>(ctx, 'patient-create', {});
	for (const daysAgo of [20, 16]) {
		const appointment = await act<{ id: number }>(ctx, 'appointment-create', { patientId: patient.id, start: `${dayOffset(today, -daysAgo)}T10:00` });
		await act(ctx, 'appointment-status', { appointmentId: appointment.id, status: 1 });
	}
	const [row] = await records(ctx, 'patients', { id: patient.id });
	check(overdueNow(ctx).get(patient.id) === 30000, `fixture owes ${overdueNow(ctx).get(patient.id)} cents on 14+ day sessions, not 30000`);
	return { patientId: patient.id, email: String(row.email) };
}

export async function runBalanceChecks(ctx: ExtraContext): Promise<void> {
	const fixture = await step('(x1) balance reminders: fixture client owing $300.00 for 16+ days', () => makeFixture(ctx));
	if (!fixture) return;
	const idByEmail = new Map((await records(ctx, 'patients')).map((p) => [String(p.email), Number(p.id)]));
	const stages = new Map<number, Stage>();
	const stripeCallsBefore = ctx.stripe.paymentIntents().length + ctx.stripe.customers().length;

	const runDay = (label: string, advance: number, fixtureExpect: (e: Expected) => string | null, before?: () => Promise<unknown>) =>
		stepOk(`(x1) ${label}`, async () => {
			if (advance > 0) await advanceDays(ctx, advance);
			await before?.();
			const from = ctx.smtp.messages().length;
			const expected = expectRun(ctx, stages);
			await executeOk(ctx, BALANCE_RECIPE_ID);
			const got = await mailSince(ctx, from, idByEmail);
			say(`  portal day ${ctx.sandbox.state.nowIso().slice(0, 10)}: expected ${brief(expected)}; sent ${brief(got)}`);
			for (const kind of ['reminder1', 'reminder2', 'flag', 'cleared'] as const) {
				check(same(got[kind], expected[kind]), `${kind}: sent to [${sorted(got[kind]).join(',')}], expected [${sorted(expected[kind]).join(',')}]`);
			}
			const problem = fixtureExpect(got);
			check(problem === null, problem ?? '');
		});

	const has = (ids: number[]) => ids.includes(fixture.patientId);
	const ok = await runDay('day 0: first reminder to every client over $150.00 for 14+ days (exact set from the ledger), none to the front desk', 0, (e) =>
		has(e.reminder1) && e.reminder2.length === 0 && e.flag.length === 0 ? null : 'the fixture got no first reminder, or a later stage came early');
	if (!ok) return;
	await runDay('day 7: second reminder', 7, (e) => (has(e.reminder2) && !has(e.reminder1) ? null : 'the fixture got no second reminder'));
	await runDay('day 14: nothing yet for the fixture (outreach is 14 days after the second)', 7, (e) => (![...e.reminder1, ...e.reminder2, ...e.flag].includes(fixture.patientId) ? null : 'the fixture got mail on day 14'));
	await runDay('day 21: front desk flagged for personal outreach, once', 7, (e) => (e.flag.filter((id) => id === fixture.patientId).length === 1 ? null : 'no single outreach flag for the fixture'));
	await runDay('day 21 again: no second flag, no repeated reminder', 0, (e) => (e.reminder1.length + e.reminder2.length + e.flag.length === 0 ? null : 'a second run on the same day sent mail'));
	await runDay(
		'a $200.00 payment clears the flag: front desk told once, sequence ended',
		0,
		(e) => (same(e.cleared, [fixture.patientId]) ? null : `cleared ${JSON.stringify(e.cleared)}`),
		() => act(ctx, 'payment-post', { patientId: fixture.patientId, amountCents: 20000, method: 'cash', reference: `e2e-balance-${fixture.patientId}` }),
	);
	await stepOk('(x1) nothing went to Stripe; reminders name no patient details', async () => {
		check(ctx.stripe.paymentIntents().length + ctx.stripe.customers().length === stripeCallsBefore, 'the reminders recipe created something in Stripe');
		const mine = ctx.smtp.messages().filter((m) => m.to.includes(fixture.email) || m.subject.endsWith(`patient ${fixture.patientId}`));
		const [patient] = await records(ctx, 'patients', { id: fixture.patientId });
		for (const field of ['firstName', 'lastName', 'dob', 'phone']) {
			const value = String(patient[field] ?? '');
			check(value.length < 3 || mine.every((m) => !m.data.includes(value)), `a reminder or flag carries the patient's ${field}`);
		}
		check(mine.length === 4, `${mine.length} messages about the fixture (expected reminder, second reminder, flag, cleared)`);
	});
}
