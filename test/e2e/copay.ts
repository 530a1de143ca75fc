import type { RunningSandbox } from '../../sandbox/server';
import type { FakeStripe } from './fakes/stripe';
import type { SmtpCapture } from './fakes/smtp';
import { signNote, stripeCall, type CaseName, type CopayCase, type Row } from './copayFixtures';
import { tail, type RunningN8n } from './lib/n8n';
import { getJson, postJson, sleep, waitFor } from './lib/proc';
import { check, say, stepOk } from './lib/report';

/**
 * The copay recipe (examples/copay-on-note-signed.json) active in `n8n start`: five notes signed
 * at once, then its daily retry pass, which the test schedules every minute. Day 3 and day 7 are
 * reached by moving the failed PaymentIntents' `created` back in the fake Stripe (the recipe
 * counts days from Stripe's `created` against n8n's real clock; nothing else is faked).
 */

interface StripeView {
	paymentIntents: Row[];
	checkoutSessions: Row[];
	idempotencyKeys: Array<{ key: string; status: number; id: unknown }>;
	phiSuspects: unknown[];
	calls: Record<string, number>;
}

export interface CopayContext {
	n8n: RunningN8n;
	sandbox: RunningSandbox;
	stripe: FakeStripe;
	smtp: SmtpCapture;
	cases: CopayCase[];
}

const view = (stripe: FakeStripe) => getJson<StripeView>(`${stripe.url}/__fake/payment_intents`);
const byName = (ctx: CopayContext, name: CaseName) => ctx.cases.find((c) => c.name === name)!;
const intentsOf = (v: StripeView, c: CopayCase) => v.paymentIntents.filter((pi) => (pi.metadata as Row).tn_note_id === String(c.noteId));
const recipeIntent = (v: StripeView, c: CopayCase) => intentsOf(v, c).find((pi) => (pi.metadata as Row).tn_recipe === 'copay');
const calls = (v: StripeView, call: string) => v.calls[call] ?? 0;
const CONFIRM = 'POST /v1/payment_intents/:id/confirm';
const SEARCH = 'GET /v1/payment_intents/search';
const mailsTo = (ctx: CopayContext, c: CopayCase) => ctx.smtp.messages().filter((m) => m.to.includes(String(c.patient.email)));
const payments = async (ctx: CopayContext, reference: unknown) => getJson<{ count: number; rows: Row[] }>(`${ctx.sandbox.url}/__sandbox/records/payments?reference=${String(reference)}`);

async function until<T>(ctx: CopayContext, what: string, probe: () => Promise<T | undefined>, timeoutMs = 240_000): Promise<T> {
	return waitFor(what, probe, timeoutMs, 2000).catch((error: unknown) => {
		throw new Error(`${String(error)}; n8n log: ${tail(ctx.n8n.log(), 800)}`);
	});
}

/** Names, e-mail, date of birth or phone of the client must not reach Stripe; metadata holds opaque ids. */
function assertNoPhi(v: StripeView, cases: CopayCase[]): void {
	check(v.phiSuspects.length === 0, `PHI-like content in Stripe: ${JSON.stringify(v.phiSuspects)}`);
	const sent = JSON.stringify([v.paymentIntents.map((pi) => [pi.description, pi.metadata]), v.checkoutSessions.map((cs) => [cs.metadata, cs.line_items])]).toLowerCase();
	for (const c of cases) {
		for (const field of ['firstName', 'lastName', 'email', 'dob', 'phone']) {
			const value = String(c.patient[field] ?? '').toLowerCase();
			check(value.length < 3 || !sent.includes(value), `Stripe received patient ${c.patientId}'s ${field}`);
		}
	}
	for (const pi of v.paymentIntents) check(Object.values(pi.metadata as Row).every((x) => /^[\w.:-]+$/.test(String(x))), `metadata is not opaque ids: ${JSON.stringify(pi.metadata)}`);
}

async function assertCharged(ctx: CopayContext, c: CopayCase, intent: Row, receipts: number): Promise<void> {
	check(intent.status === 'succeeded' && intent.amount === c.expectedCents, `${c.name}: intent ${String(intent.status)} for ${String(intent.amount)}, expected ${c.expectedCents}`);
	const posted = await payments(ctx, intent.id);
	check(posted.count === 1 && posted.rows[0].patientId === c.patientId && posted.rows[0].amountCents === c.expectedCents, `${c.name}: payments with reference ${String(intent.id)}: ${JSON.stringify(posted.rows)}`);
	const mails = mailsTo(ctx, c).filter((m) => m.subject.startsWith('Receipt'));
	check(mails.length === receipts && mails.every((m) => m.data.includes(String(intent.id))), `${c.name}: ${mails.length} receipts (expected ${receipts}) naming ${String(intent.id)}`);
}

function assertRefused(ctx: CopayContext, v: StripeView, c: CopayCase, attempts: number, code: string): void {
	const intent = recipeIntent(v, c)!;
	const meta = intent.metadata as Row;
	const error = intent.last_payment_error as Row | null;
	check(intent.status === 'requires_payment_method' && meta.tn_attempts === String(attempts) && error?.code === code, `${c.name}: ${String(intent.status)}, attempts ${String(meta.tn_attempts)}, ${String(error?.code)} (expected ${attempts}, ${code})`);
	const links = v.checkoutSessions.filter((cs) => (cs.metadata as Row).tn_payment_intent === intent.id);
	check(links.length === attempts && links.every((cs) => cs.amount_total === c.expectedCents), `${c.name}: ${links.length} payment links for ${attempts} failed attempts`);
	const mails = mailsTo(ctx, c).filter((m) => m.subject === 'Your payment could not be completed');
	check(mails.length === attempts && links.every((cs) => mails.some((m) => m.data.includes(String(cs.url)))), `${c.name}: ${mails.length} payment-link mails for ${links.length} links`);
}

/** Sign the five notes at once; one poll charges them in one execution. */
async function firstCharges(ctx: CopayContext): Promise<void> {
	for (const c of ctx.cases) await signNote(ctx.sandbox, c.noteId);
	await until(ctx, 'five PaymentIntents and five mails', async () => {
		const v = await view(ctx.stripe);
		return ctx.cases.every((c) => recipeIntent(v, c)) && ctx.smtp.messages().length >= 5 ? v : undefined;
	});
	await sleep(3000);
	const v = await view(ctx.stripe);
	for (const c of ctx.cases) {
		const mine = intentsOf(v, c);
		const keys = v.idempotencyKeys.filter((k) => k.id === mine[0]?.id && k.key.startsWith('tn-'));
		check(mine.length === 1 && keys.length === 1 && /^tn-[0-9a-f]{40}$/.test(keys[0].key), `${c.name}: ${mine.length} PaymentIntents, event keys ${JSON.stringify(keys.map((k) => k.key))}`);
		check(mine[0].amount === c.expectedCents && mine[0].customer === c.customerId, `${c.name}: amount ${String(mine[0].amount)} to ${String(mine[0].customer)}, expected ${c.expectedCents} to ${c.customerId}`);
	}
	assertNoPhi(v, ctx.cases);
	await assertCharged(ctx, byName(ctx, 'insured'), recipeIntent(v, byName(ctx, 'insured'))!, 1);
	await assertCharged(ctx, byName(ctx, 'selfPay'), recipeIntent(v, byName(ctx, 'selfPay'))!, 1);
	assertRefused(ctx, v, byName(ctx, 'declinedThenNewCard'), 1, 'card_declined');
	assertRefused(ctx, v, byName(ctx, 'authRequired'), 1, 'authentication_required');
	assertRefused(ctx, v, byName(ctx, 'paysByLink'), 1, 'card_declined');
	for (const name of ['declinedThenNewCard', 'authRequired', 'paysByLink'] as const) check((await payments(ctx, recipeIntent(v, byName(ctx, name))!.id)).count === 0, `${name}: a refused charge was posted`);
	say(`  ${v.paymentIntents.length} PaymentIntents (${ctx.cases.map((c) => `${c.name} ${c.expectedCents}`).join(', ')}), ${ctx.smtp.messages().length} mails`);
}

/** Two more note polls and a retry pass on day 0: nothing new is charged, nothing retried early. */
async function quietDays(ctx: CopayContext, before: StripeView, reason: string): Promise<StripeView> {
	const notePolls = async () => (await getJson<{ requests: Record<string, number> }>(`${ctx.sandbox.url}/__sandbox/stats`)).requests['notes/list'] ?? 0;
	const polls = await notePolls();
	await until(ctx, `two more note polls and a retry pass (${reason})`, async () => ((await notePolls()) >= polls + 2 && calls(await view(ctx.stripe), SEARCH) > calls(before, SEARCH) + 1 ? true : undefined));
	await sleep(5000);
	const after = await view(ctx.stripe);
	const mails = ctx.smtp.messages().length;
	check(after.paymentIntents.length === before.paymentIntents.length && calls(after, CONFIRM) === calls(before, CONFIRM), `${reason}: ${after.paymentIntents.length} PaymentIntents (was ${before.paymentIntents.length}), ${calls(after, CONFIRM)} confirms (was ${calls(before, CONFIRM)})`);
	check(after.checkoutSessions.length === before.checkoutSessions.length, `${reason}: ${after.checkoutSessions.length} payment links (was ${before.checkoutSessions.length}); ${mails} mails`);
	return after;
}

const age = (ctx: CopayContext, intent: Row, days: number) => postJson(`${ctx.stripe.url}/__fake/payment_intents/${String(intent.id)}/age`, { days });

/** Day 3: the client with a new card is charged, the one needing authentication fails again, the one who paid by link is not charged. */
async function dayThree(ctx: CopayContext, before: StripeView): Promise<void> {
	const [renewed, auth, byLink] = [byName(ctx, 'declinedThenNewCard'), byName(ctx, 'authRequired'), byName(ctx, 'paysByLink')];
	await stripeCall(ctx.stripe, `/v1/customers/${renewed.customerId}`, { 'invoice_settings[default_payment_method]': 'pm_card_visa' });
	const link = before.checkoutSessions.find((cs) => (cs.metadata as Row).tn_payment_intent === recipeIntent(before, byLink)!.id)!;
	await postJson(`${ctx.stripe.url}/__fake/checkout/sessions/${String(link.id)}/complete`, {});
	for (const c of [renewed, auth, byLink]) await age(ctx, recipeIntent(before, c)!, 3);
	const v = await until(ctx, 'the day-3 retries', async () => {
		const now = await view(ctx.stripe);
		const done = recipeIntent(now, renewed)?.status === 'succeeded' && (recipeIntent(now, auth)?.metadata as Row).tn_attempts === '2' && recipeIntent(now, byLink)?.status === 'canceled';
		return done && mailsTo(ctx, auth).length >= 2 ? now : undefined;
	});
	await sleep(5000);
	const settled = await view(ctx.stripe);
	check(calls(settled, CONFIRM) === 2, `day 3: ${calls(settled, CONFIRM)} confirms, expected 2 (new card, authentication); ${JSON.stringify(v.calls)}`);
	await assertCharged(ctx, renewed, recipeIntent(settled, renewed)!, 1);
	assertRefused(ctx, settled, auth, 2, 'authentication_required');
	const paid = intentsOf(settled, byLink).find((pi) => pi.status === 'succeeded')!;
	const posted = await payments(ctx, paid?.id);
	check(paid && posted.count === 1 && posted.rows[0].patientId === byLink.patientId && posted.rows[0].amountCents === byLink.expectedCents, `paid by link: payment ${String(paid?.id)} posted ${posted.count} times`);
	check(recipeIntent(settled, byLink)!.cancellation_reason === 'duplicate', `paid by link: the failed charge is ${String(recipeIntent(settled, byLink)!.status)}`);
	assertNoPhi(settled, ctx.cases);
}

/** Day 7: the third failure goes to the front desk, with ids only; no fourth attempt. */
async function daySeven(ctx: CopayContext): Promise<void> {
	const auth = byName(ctx, 'authRequired');
	await age(ctx, recipeIntent(await view(ctx.stripe), auth)!, 4);
	const flagged = await until(ctx, 'the day-7 retry and the front-desk flag', async () => {
		const now = await view(ctx.stripe);
		const desk = ctx.smtp.messages().filter((m) => m.to.includes('frontdesk@practice.example'));
		return (recipeIntent(now, auth)?.metadata as Row).tn_copay_state === 'flagged' && desk.length > 0 ? { now, desk } : undefined;
	});
	await sleep(3000);
	const intent = recipeIntent(flagged.now, auth)!;
	check(calls(flagged.now, CONFIRM) === 3 && (intent.metadata as Row).tn_attempts === '3' && intent.status === 'requires_payment_method', `day 7: ${calls(flagged.now, CONFIRM)} confirms, attempts ${String((intent.metadata as Row).tn_attempts)}`);
	const [desk] = flagged.desk;
	check(flagged.desk.length === 1 && desk.data.includes(String(auth.patientId)) && desk.data.includes(String(intent.id)), `front desk mails: ${flagged.desk.length}`);
	for (const field of ['firstName', 'lastName', 'email', 'dob']) check(!desk.data.toLowerCase().includes(String(auth.patient[field]).toLowerCase()), `the front-desk mail carries the client's ${field}`);
	check(mailsTo(ctx, auth).length === 2, `after the third failure the client got ${mailsTo(ctx, auth).length} link mails, expected 2 (the front desk takes over)`);
	await quietDays(ctx, await view(ctx.stripe), 'after the flag');
	check(ctx.smtp.messages().filter((m) => m.to.includes('frontdesk@practice.example')).length === 1, 'the front desk was flagged twice');
}

export async function runCopayChecks(ctx: CopayContext): Promise<void> {
	const first = await stepOk('(c) copay: 5 notes signed → one PaymentIntent each (copay / session fee, event key, no PHI); 2 charged, posted, receipts; 3 refused → payment link mailed', () => firstCharges(ctx));
	if (!first) return;
	let before: StripeView | undefined;
	const quiet = await stepOk('(c) copay: two more polls and a day-0 retry pass → no second charge, no early retry', async () => {
		before = await quietDays(ctx, await view(ctx.stripe), 'day 0');
	});
	if (!quiet || !before) return;
	const day3 = await stepOk('(c) copay day 3: new card charged and posted with receipt; authentication fails again (new link); paid-by-link posted, failed charge cancelled', () => dayThree(ctx, before!));
	if (day3) await stepOk('(c) copay day 7: third failure → front desk flagged (ids only), no fourth attempt', () => daySeven(ctx));
}
