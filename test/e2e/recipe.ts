import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSandbox } from '../../sandbox/server';
import { startFakeStripe, type FakeStripe } from './fakes/stripe';
import { startSmtpCapture, type SmtpCapture } from './fakes/smtp';
import { sandboxLogin } from './actions';
import { runCopayChecks } from './copay';
import { makeCopayCases, type CopayCase } from './copayFixtures';
import { importCredentials, importWorkflows, n8n, n8nMajor, startN8n, tail, type N8nFolder, type RunningN8n } from './lib/n8n';
import { getJson, postJson, ROOT, sleep, waitFor } from './lib/proc';
import { check, say, step, stepOk } from './lib/report';
import { credentials } from './lib/workflows';

/**
 * Step (c): the no-show fee and copay recipes (examples/) published and running in one
 * `n8n start`. n8n polls at activation (the silent baseline) and then every minute, so nothing
 * changes in the sandbox before both baseline polls have reached it. The copay recipe's daily
 * retry pass is rescheduled to every minute here (see copay.ts).
 */

type Row = Record<string, unknown>;
const RECIPE_IDS = { noShow: 'tnRecipeNoShow01', copay: 'tnRecipeCopay001' };

/** The daily Schedule Trigger of a recipe, run every minute so that a test sees several passes. */
export function everyMinute(workflow: Record<string, unknown>): Record<string, unknown> {
	for (const node of workflow.nodes as Row[]) {
		if (node.type === 'n8n-nodes-base.scheduleTrigger') node.parameters = { rule: { interval: [{ field: 'minutes', minutesInterval: 1 }] } };
	}
	return workflow;
}

/** The examples name Stripe's real base URL; tests and `npm start` point it at the fake. */
export function loadExample(file: string, stripeBase?: string): Record<string, unknown> {
	const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
	const workflow = JSON.parse(stripeBase ? text.split('https://api.stripe.com').join(stripeBase) : text) as Record<string, unknown>;
	return n8nMajor() < 2 ? forN8n1(workflow) : workflow;
}

/**
 * The one change a recipe needs on n8n 1.x (README "n8n versions"): the Send Email node's file
 * attachments option is `attachments` there; 2.x renamed it `fileAttachments` and uses
 * `attachments` for inline images.
 */
function forN8n1(workflow: Record<string, unknown>): Record<string, unknown> {
	const nodes = (workflow.nodes as Array<{ type: string; parameters: { options?: Record<string, unknown> } }>).map((node) => {
		const options = node.parameters.options;
		if (node.type !== 'n8n-nodes-base.emailSend' || options?.fileAttachments === undefined) return node;
		const { fileAttachments, ...rest } = options;
		return { ...node, parameters: { ...node.parameters, options: { ...rest, attachments: fileAttachments } } };
	});
	return { ...workflow, nodes };
}

interface Fixture {
	patientId: number;
	appointmentId: number;
	patient: Row;
}

/** A new client who acknowledged the fee policy, booked today, and their card saved in Stripe as a practice would. */
async function makeFixture(sandbox: RunningSandbox, stripe: FakeStripe): Promise<Fixture> {
	const created = await postJson<{ id: number }>(`${sandbox.url}/__sandbox/act/patient-create`, { feePolicyAcknowledged: true });
	const start = `${new Date().toISOString().slice(0, 10)}T08:00`;
	const appointment = await postJson<{ id: number }>(`${sandbox.url}/__sandbox/act/appointment-create`, { patientId: created.id, start, durationMinutes: 45 });
	const body = new URLSearchParams({ 'metadata[tn_patient_id]': String(created.id), payment_method: 'pm_card_visa', 'invoice_settings[default_payment_method]': 'pm_card_visa' });
	await getJson(`${stripe.url}/v1/customers`, { method: 'POST', headers: { Authorization: `Bearer ${stripe.apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body });
	const { rows } = await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/patients?id=${created.id}`);
	return { patientId: created.id, appointmentId: appointment.id, patient: rows[0] };
}

const requestsTo = async (sandbox: RunningSandbox, handler: string) =>
	((await getJson<{ requests: Record<string, number> }>(`${sandbox.url}/__sandbox/stats`)).requests[handler] ?? 0);
const schedulePolls = (sandbox: RunningSandbox) => requestsTo(sandbox, 'scheduling/loadschedule');

const markMissed = (sandbox: RunningSandbox, appointmentId: number) =>
	postJson(`${sandbox.url}/__sandbox/act/appointment-status`, { appointmentId, status: 2, chargeFee: true });

interface Observed {
	intents: Row[];
	keys: Array<{ key: string; id: unknown }>;
	suspects: unknown[];
	mails: number;
}

async function observe(stripe: FakeStripe, smtp: SmtpCapture): Promise<Observed> {
	const view = await getJson<{ paymentIntents: Row[]; idempotencyKeys: Array<{ key: string; id: unknown }>; phiSuspects: unknown[] }>(`${stripe.url}/__fake/payment_intents`);
	return { intents: view.paymentIntents, keys: view.idempotencyKeys, suspects: view.phiSuspects, mails: smtp.messages().length };
}

/** What a person could recognise the client by must not reach Stripe. */
function assertNoPhi(intent: Row, patient: Row, suspects: unknown[]): void {
	check(suspects.length === 0, `PHI-like content in Stripe: ${JSON.stringify(suspects)}`);
	const sent = `${String(intent.description)} ${JSON.stringify(intent.metadata)}`.toLowerCase();
	for (const field of ['firstName', 'lastName', 'email', 'dateOfBirth', 'dob', 'phone']) {
		const value = String(patient[field] ?? '').toLowerCase();
		check(value.length < 3 || !sent.includes(value), `Stripe description/metadata carries the patient's ${field}`);
	}
	check(Object.values(intent.metadata as Row).every((v) => /^[\w.:-]+$/.test(String(v))), `metadata is not opaque ids: ${JSON.stringify(intent.metadata)}`);
}

async function firstCharge(n8nRun: RunningN8n, sandbox: RunningSandbox, stripe: FakeStripe, smtp: SmtpCapture, f: Fixture): Promise<void> {
	await markMissed(sandbox, f.appointmentId);
	const seen = await waitFor('a PaymentIntent, its payment in TherapyNotes and a receipt', async () => {
		const o = await observe(stripe, smtp);
		return o.intents.length > 0 && o.mails > 0 ? o : undefined;
	}, 240_000, 2000).catch((error: unknown) => {
		throw new Error(`${String(error)}; n8n log: ${tail(n8nRun.log(), 800)}`);
	});
	await sleep(3000);
	const o = await observe(stripe, smtp);
	check(o.intents.length === 1 && o.keys.length === 1, `${o.intents.length} PaymentIntents with ${o.keys.length} idempotency keys`);
	const [intent] = o.intents;
	check(/^tn-[0-9a-f]{40}$/.test(o.keys[0].key) && o.keys[0].id === intent.id, `idempotency key ${o.keys[0].key} (for ${String(o.keys[0].id)})`);
	check(intent.status === 'succeeded' && intent.amount === f.patient.sessionFeeCents, `intent ${String(intent.status)} for ${String(intent.amount)}`);
	assertNoPhi(intent, f.patient, seen.suspects);
	const payments = await getJson<{ count: number; rows: Row[] }>(`${sandbox.url}/__sandbox/records/payments?reference=${String(intent.id)}`);
	check(payments.count === 1 && payments.rows[0].patientId === f.patientId, `sandbox payments with reference ${String(intent.id)}: ${JSON.stringify(payments.rows)}`);
	const mails = smtp.messages();
	check(mails.length === 1 && mails[0].to.includes(String(f.patient.email)) && mails[0].data.includes(String(intent.id)), `receipts: ${JSON.stringify(mails.map((m) => [m.to, m.subject]))}`);
	say(`  PaymentIntent ${String(intent.id)}, key ${o.keys[0].key}, receipt to ${mails[0].to.join(',')}`);
}

/** The same status again is no change: the next poll must emit nothing and nothing is charged. */
async function noSecondCharge(sandbox: RunningSandbox, stripe: FakeStripe, smtp: SmtpCapture, f: Fixture): Promise<void> {
	const polls = await schedulePolls(sandbox);
	await markMissed(sandbox, f.appointmentId);
	await waitFor('the next poll after the repeated status', async () => ((await schedulePolls(sandbox)) > polls ? true : undefined), 180_000, 2000);
	await sleep(8000);
	const o = await observe(stripe, smtp);
	const payments = await getJson<{ count: number }>(`${sandbox.url}/__sandbox/records/payments?patientId=${f.patientId}`);
	check(o.intents.length === 1 && o.keys.length === 1 && o.mails === 1 && payments.count === 1, `after the repeat: ${o.intents.length} intents, ${o.mails} receipts, ${payments.count} payments`);
}

async function activate(folder: N8nFolder, sandbox: RunningSandbox, stripe: FakeStripe, smtp: SmtpCapture): Promise<void> {
	await importCredentials(folder, credentials(sandboxLogin(sandbox), { stripeKey: stripe.apiKey, smtpPort: smtp.port }));
	await importWorkflows(folder, [loadExample('no-show-fee.json', stripe.url), everyMinute(loadExample('copay-on-note-signed.json', stripe.url))]);
	for (const id of Object.values(RECIPE_IDS)) {
		const published = await n8n(folder, ['publish:workflow', `--id=${id}`]);
		check(published.code === 0, `publish:workflow ${id} exited ${published.code}: ${tail(published.stderr || published.stdout)}`);
	}
}

/** n8n started with both recipes active, after both triggers' baseline polls reached the sandbox. */
async function startWithRecipes(folder: N8nFolder, sandbox: RunningSandbox): Promise<RunningN8n> {
	const before = { schedule: await schedulePolls(sandbox), notes: await requestsTo(sandbox, 'notes/list') };
	const started = await startN8n(folder, { readyTimeoutMs: 240_000 });
	try {
		await waitFor('the activation polls', async () => ((await schedulePolls(sandbox)) > before.schedule && (await requestsTo(sandbox, 'notes/list')) > before.notes ? true : undefined), 180_000, 1000);
	} catch (error) {
		await started.stop();
		throw new Error(`${String(error)}; n8n log: ${tail(started.log(), 800)}`);
	}
	return started;
}

export async function runRecipeChecks(folder: N8nFolder, sandbox: RunningSandbox): Promise<void> {
	const stripe = await startFakeStripe();
	const smtp = await startSmtpCapture();
	let n8nRun: RunningN8n | undefined;
	try {
		const f = await step('(c) fixture: a client with the fee policy acknowledged, booked today, card in the fake Stripe', () => makeFixture(sandbox, stripe));
		const cases = await step('(c) fixture: 5 clients (insured, self-pay, declined, authentication required, pays by link) with a session today, a draft note and a card', () => makeCopayCases(sandbox, stripe));
		const ready = f && cases && (await stepOk('(c) import credentials and the no-show fee and copay recipes, publish them', () => activate(folder, sandbox, stripe, smtp)));
		if (!f || !cases || !ready) return;
		n8nRun = await step('(c) n8n start with both recipes active; their activation polls reach the sandbox', () => startWithRecipes(folder, sandbox));
		if (!n8nRun) return;
		const running = n8nRun;
		const charged = await stepOk('(c) Missed with fee → one PaymentIntent (idempotency key, no PHI), payment posted with its id, one receipt', () => firstCharge(running, sandbox, stripe, smtp, f));
		if (charged) await stepOk('(c) the same status again → no second charge', () => noSecondCharge(sandbox, stripe, smtp, f));
		await runCopayChecks({ n8n: running, sandbox, stripe, smtp: withoutNoShowMail(smtp, f), cases: cases as CopayCase[] });
		await stepOk('(c) the portal ends the session between polls → exactly one new login, the next polls need none', () => sessionEndedBetweenPolls(sandbox));
	} finally {
		await n8nRun?.stop();
		await stripe.close();
		await smtp.close();
	}
}

type SessionStats = { logins: number; sessionsEndedByOtherLogin: number; expiredSessionHits: number };

/**
 * Both triggers poll every minute. After the portal ends the session, the first poll must log in
 * once (n8n 2.x through the credential's refresh; n8n 1.x refreshes only on a 401, so the node
 * logs in itself) and every later poll must reuse that session.
 */
async function sessionEndedBetweenPolls(sandbox: RunningSandbox): Promise<void> {
	const stats = () => getJson<SessionStats>(`${sandbox.url}/__sandbox/stats`);
	const before = await stats();
	await postJson(`${sandbox.url}/__sandbox/sessions/expire`, {});
	const polls = { schedule: await schedulePolls(sandbox), notes: await requestsTo(sandbox, 'notes/list') };
	const pollsSince = async () => Math.min((await schedulePolls(sandbox)) - polls.schedule, (await requestsTo(sandbox, 'notes/list')) - polls.notes);
	await waitFor('three polls of both triggers after the session ended', async () => ((await pollsSince()) >= 3 ? true : undefined), 300_000, 2000);
	const after = await stats();
	const logins = after.logins - before.logins;
	say(`  session ended: ${logins} login(s), ${after.expiredSessionHits - before.expiredSessionHits} request(s) met the ended session`);
	check(logins === 1, `${logins} logins after the session ended (want 1)`);
	check(after.sessionsEndedByOtherLogin === before.sessionsEndedByOtherLogin, 'a login ended another session');
}

/** The copay checks count mails; the no-show receipt sent before them is not theirs. */
function withoutNoShowMail(smtp: SmtpCapture, f: Fixture): SmtpCapture {
	const email = String(f.patient.email);
	return { ...smtp, messages: () => smtp.messages().filter((m) => !m.to.includes(email)) };
}
