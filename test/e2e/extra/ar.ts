import { allLedgers, daysOutstanding, owedCents } from '../../../sandbox/handlers/ledger';
import { getJson } from '../lib/proc';
import { check, say, stepOk } from '../lib/report';
import { act, dayOffset, executeOk, insuredClient, records, sandboxNow, signedSession, type ExtraContext, type Row } from './context';
import { parseCsv, readMessage } from './mime';

/**
 * examples/weekly-ar-reconciliation.json once with `n8n execute --id`, after arranging what it
 * must find: three Stripe charges of this week (one posted in TherapyNotes, one never posted, one
 * posted for a different amount), a declined one, an ERA paying a claim short, one on a charge we
 * did not bill and a denial. The CSV attached to the email is parsed and held to the sandbox.
 */

export const AR_RECIPE_ID = 'tnRecipeArRecon1';

interface ArFixture {
	patientId: number;
	intents: { posted: string; notPosted: string; shortPosted: string; declined: string };
	underpaid: { claimId: number; cents: number };
	otherCharge: { claimId: number };
	denied: { claimId: number };
	/** Sent 45 days after its session: awaiting payment. Sent 10 days after: too recent to list. */
	awaiting: { claimId: number; chargeCents: number; recentClaimId: number };
}

async function stripePost(ctx: ExtraContext, path: string, form: Record<string, string>): Promise<Row> {
	const response = await fetch(`${ctx.stripe.url}${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ctx.stripe.apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form),
	});
	return (await response.json()) as Row;
}

/** A charge as the copay / no-show recipes make it: opaque TherapyNotes ids in metadata. */
async function charge(ctx: ExtraContext, customer: string, patientId: number, amount: number, card = 'pm_card_visa'): Promise<string> {
	const intent = await stripePost(ctx, '/v1/payment_intents', {
		amount: String(amount), currency: 'usd', customer, payment_method: card, off_session: 'true', confirm: 'true', description: 'Session copay', 'metadata[tn_patient_id]': String(patientId),
	});
	const id = (intent.id ?? ((intent.error as Row | undefined)?.payment_intent as Row | undefined)?.id) as string | undefined;
	check(id, `the fake Stripe made no PaymentIntent: ${JSON.stringify(intent).slice(0, 300)}`);
	return id;
}

async function arrangeStripe(ctx: ExtraContext, patientId: number): Promise<ArFixture['intents']> {
	const customer = String((await stripePost(ctx, '/v1/customers', { 'metadata[tn_patient_id]': String(patientId), payment_method: 'pm_card_visa' })).id);
	const intents = { posted: await charge(ctx, customer, patientId, 5000), notPosted: await charge(ctx, customer, patientId, 7000), shortPosted: await charge(ctx, customer, patientId, 4000), declined: await charge(ctx, customer, patientId, 6000, 'pm_card_chargeDeclined') };
	await act(ctx, 'payment-post', { patientId, amountCents: 5000, method: 'card', reference: intents.posted });
	await act(ctx, 'payment-post', { patientId, amountCents: 3000, method: 'card', reference: intents.shortPosted });
	return intents;
}

async function arrangeAwaiting(ctx: ExtraContext): Promise<ArFixture['awaiting']> {
	const today = (await sandboxNow(ctx)).slice(0, 10);
	const { patientId } = insuredClient(ctx, today);
	const sent = async (daysAgo: number) => act<{ id: number; chargeCents: number }>(ctx, 'claim-create', { appointmentId: await signedSession(ctx, patientId, dayOffset(today, -daysAgo)), submit: true });
	const old = await sent(45);
	return { claimId: old.id, chargeCents: old.chargeCents, recentClaimId: (await sent(10)).id };
}

async function arrange(ctx: ExtraContext): Promise<ArFixture> {
	const accepted = await records(ctx, 'claims', { status: 'Accepted' });
	check(accepted.length >= 3, `only ${accepted.length} Accepted claims in the sandbox`);
	const [a, b, c] = accepted.map((claim) => Number(claim.id));
	await act(ctx, 'era-post-custom', { claimId: a, underpaidCents: 1234 });
	const chargeCents = Number(accepted[1].chargeCents);
	await act(ctx, 'era-post-custom', { claimId: b, chargeCents: chargeCents - 1000 });
	await act(ctx, 'claims-adjudicate', { claimIds: [c], outcome: 'deny' });
	const patientId = Number((await records(ctx, 'patients', { status: 'active', limit: 1 }))[0].id);
	const awaiting = await arrangeAwaiting(ctx);
	return { patientId, intents: await arrangeStripe(ctx, patientId), underpaid: { claimId: a, cents: 1234 }, otherCharge: { claimId: b }, denied: { claimId: c }, awaiting };
}

type CsvRow = Record<string, string>;
const key = (...parts: unknown[]) => parts.map(String).join('|');

/** Every charge a client still owes, from the sandbox's ledger: appointment → owed cents. */
function unpaidFromLedger(ctx: ExtraContext): Set<string> {
	const today = ctx.sandbox.state.nowIso();
	const out = new Set<string>();
	for (const ledger of allLedgers(ctx.sandbox.state.store)) {
		for (const c of ledger.charges.filter((charge) => owedCents(charge) > 0)) out.add(key(ledger.patient.id, c.appointment.id, owedCents(c), daysOutstanding(c, today)));
	}
	return out;
}

async function awaitingFromRecords(ctx: ExtraContext, today: string): Promise<Set<string>> {
	const appointments = new Map((await records(ctx, 'appointments', { limit: 1_000_000 })).map((a) => [Number(a.id), String(a.start).slice(0, 10)]));
	const claims = (await records(ctx, 'claims', { limit: 1_000_000 })).filter((c) => c.status === 'Submitted' || c.status === 'Accepted');
	const [from, to] = [dayOffset(today, -180), dayOffset(today, -30)];
	return new Set(claims.filter((c) => { const dos = appointments.get(Number(c.appointmentId)) ?? ''; return dos >= from && dos <= to; }).map((c) => key(c.id, c.chargeCents)));
}

function checkEraRows(rows: CsvRow[], f: ArFixture): void {
	const era = (category: string, claimId: number) => rows.filter((r) => r.category === category && Number(r.claimId) === claimId);
	const short = era('insurance-underpayment', f.underpaid.claimId);
	check(short.length === 1 && Number(short[0].amountCents) === f.underpaid.cents, `underpayment rows for claim ${f.underpaid.claimId}: ${JSON.stringify(short)}`);
	const mismatch = era('era-mismatch', f.otherCharge.claimId).map((r) => r.detail).sort();
	check(mismatch.includes('claim-charge-mismatch') && mismatch.includes('line-charge-mismatch'), `mismatch rows for claim ${f.otherCharge.claimId}: ${mismatch.join(', ')}`);
	check(era('insurance-denial', f.denied.claimId).length === 1, `no single denial row for claim ${f.denied.claimId}`);
	check(era('insurance-underpayment', f.otherCharge.claimId).length === 0 && era('insurance-underpayment', f.denied.claimId).length === 0, 'an underpayment row for a claim paid in full or denied');
}

function checkStripeRows(rows: CsvRow[], f: ArFixture): void {
	const stripeRows = rows.filter((r) => r.category.startsWith('stripe-'));
	const byIntent = new Map(stripeRows.map((r) => [r.paymentIntentId, r]));
	check(stripeRows.length === 2, `stripe rows: ${JSON.stringify(stripeRows)}`);
	const notPosted = byIntent.get(f.intents.notPosted);
	check(notPosted?.category === 'stripe-not-posted' && notPosted.amountCents === '7000' && Number(notPosted.patientId) === f.patientId, `not-posted row: ${JSON.stringify(notPosted)}`);
	const short = byIntent.get(f.intents.shortPosted);
	check(short?.category === 'stripe-amount-mismatch' && short.expected === '4000' && short.actual === '3000', `amount-mismatch row: ${JSON.stringify(short)}`);
}

async function checkReport(ctx: ExtraContext, f: ArFixture, mailsBefore: number): Promise<void> {
	const today = (await sandboxNow(ctx)).slice(0, 10);
	const mails = ctx.smtp.messages().slice(mailsBefore).filter((m) => m.subject.startsWith('Weekly AR reconciliation'));
	check(mails.length === 1 && mails[0].to.join(',') === 'billing@practice.example', `AR mails: ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`);
	const message = readMessage(mails[0]);
	const csv = message.attachments.find((a) => a.fileName === `ar-reconciliation-${today}.csv`);
	check(csv, `no ar-reconciliation-${today}.csv attached: ${JSON.stringify(message.attachments.map((a) => a.fileName))}`);
	const rows = parseCsv(csv.content.toString('utf8'));
	const counts = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.category]: (acc[r.category] ?? 0) + 1 }), {});
	say(`  CSV ${csv.fileName}: ${rows.length} rows ${JSON.stringify(counts)}; columns ${Object.keys(rows[0] ?? {}).join(',')}`);
	const unpaid = new Set(rows.filter((r) => r.category === 'unpaid-session').map((r) => key(r.patientId, r.appointmentId, r.amountCents, r.daysOutstanding)));
	const ledger = unpaidFromLedger(ctx);
	check(unpaid.size === ledger.size && [...ledger].every((k) => unpaid.has(k)), `unpaid-session rows: ${unpaid.size}, ledger: ${ledger.size}; missing e.g. ${[...ledger].find((k) => !unpaid.has(k))}`);
	const awaiting = new Set(rows.filter((r) => r.category === 'claim-awaiting-payment').map((r) => key(r.claimId, r.amountCents)));
	const expectedAwaiting = await awaitingFromRecords(ctx, today);
	check(awaiting.size === expectedAwaiting.size && [...expectedAwaiting].every((k) => awaiting.has(k)), `claim-awaiting-payment rows: ${awaiting.size}, records: ${expectedAwaiting.size}`);
	check(awaiting.has(key(f.awaiting.claimId, f.awaiting.chargeCents)) && ![...awaiting].some((k) => k.startsWith(`${f.awaiting.recentClaimId}|`)), `claim-awaiting-payment rows ${[...awaiting].join(' ')}: want claim ${f.awaiting.claimId}, not ${f.awaiting.recentClaimId}`);
	checkEraRows(rows, f);
	checkStripeRows(rows, f);
	check(new RegExp(`: ${rows.length} items$`).test(message.subject), `subject "${message.subject}" does not count ${rows.length} rows`);
}

async function checkStripeTraffic(ctx: ExtraContext, callsBefore: Record<string, number>): Promise<void> {
	const { calls } = await getJson<{ calls: Record<string, number> }>(`${ctx.stripe.url}/__fake/payment_intents`);
	const made = Object.entries(calls).filter(([name, n]) => n !== (callsBefore[name] ?? 0));
	check(made.length === 1 && made[0][0] === 'GET /v1/payment_intents', `the AR recipe called Stripe with: ${JSON.stringify(made)}`);
}

export async function runArChecks(ctx: ExtraContext): Promise<void> {
	let fixture: ArFixture | undefined;
	const ready = await stepOk('(x4) AR: arrange 4 Stripe charges, a short ERA payment, an ERA on another charge, a denial, claims sent 45 and 10 days after their session', async () => {
		fixture = await arrange(ctx);
	});
	if (!ready || !fixture) return;
	const f = fixture;
	await stepOk('(x4) AR: one email to billing with the CSV; its rows match the ledger, the claims, the ERAs and Stripe', async () => {
		const mailsBefore = ctx.smtp.messages().length;
		const { calls } = await getJson<{ calls: Record<string, number> }>(`${ctx.stripe.url}/__fake/payment_intents`);
		await executeOk(ctx, AR_RECIPE_ID);
		await checkReport(ctx, f, mailsBefore);
		await checkStripeTraffic(ctx, calls);
	});
}
