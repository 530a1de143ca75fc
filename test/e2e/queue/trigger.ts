import type { RunningSandbox } from '../../../sandbox/server';
import type { FakeStripe } from '../fakes/stripe';
import { getJson, postJson, sleep, waitFor } from '../lib/proc';
import { check, say } from '../lib/report';
import { countBy, duplicatesIn, executionsOf, lastExecutionId, paymentsByReference, sandboxStats, setFaults } from './observe';
import type { QueueRun } from './load';

/**
 * (4) The Note Signed → copay recipe (examples/copay-on-note-signed.json) active in queue mode:
 * the main polls, the workers run the executions. 20 notes are signed; the portal holds the
 * poll after that for longer than the poll interval (and than our request timeout, so that poll
 * retries its read), so the next poll starts while it is still waiting. n8n starts one execution
 * per poll with one item per event: exactly 20 events (each signed note once, counted as the
 * recipe's charge calls to Stripe) and 20 PaymentIntents must follow, none twice.
 */

type Row = Record<string, unknown>;

export const COPAY_RECIPE_ID = 'tnRecipeCopay001';
const NOTES = 20;
/** Longer than the poll interval, and than our 60 s request timeout: the held poll retries its read. */
const SLOW_POLL_MS = 80_000;

export interface TriggerFixture {
	patients: number[];
	notes: number[];
}

const act = (sandbox: RunningSandbox, action: string, body: unknown) => postJson<Row>(`${sandbox.url}/__sandbox/act/${action}`, body);

/** Patients whose primary policy has a copay, each with a session today marked Show and a draft note, and a card in Stripe. */
export async function copayFixture(sandbox: RunningSandbox, stripe: FakeStripe): Promise<TriggerFixture> {
	const today = new Date().toISOString().slice(0, 10);
	const { rows } = await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/policies?priority=1`);
	const candidates = [...new Set(rows.filter((p) => Number(p.copayCents) >= 50 && (p.endDate === null || String(p.endDate) >= today)).map((p) => Number(p.patientId)))];
	const active = new Set((await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/patients?status=active&limit=100000`)).rows.map((p) => Number(p.id)));
	const patients = candidates.filter((id) => active.has(id)).slice(-NOTES);
	check(patients.length === NOTES, `only ${patients.length} active patients with a primary copay`);
	const notes: number[] = [];
	for (const [i, patientId] of patients.entries()) {
		const start = `${today}T${String(6 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`;
		const appointment = await act(sandbox, 'appointment-create', { patientId, start, durationMinutes: 45 });
		await act(sandbox, 'appointment-status', { appointmentId: appointment.id, status: 1 });
		notes.push(Number((await act(sandbox, 'note-create', { appointmentId: appointment.id })).id));
		const body = new URLSearchParams({ 'metadata[tn_patient_id]': String(patientId), payment_method: 'pm_card_visa', 'invoice_settings[default_payment_method]': 'pm_card_visa' });
		await getJson(`${stripe.url}/v1/customers`, { method: 'POST', headers: { Authorization: `Bearer ${stripe.apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded' }, body });
	}
	return { patients, notes };
}

const notePolls = async (sandbox: RunningSandbox) => (await sandboxStats(sandbox)).requests['notes/list'] ?? 0;

export async function waitForActivationPoll(sandbox: RunningSandbox, before: number): Promise<void> {
	await waitFor('the recipe\'s activation poll', async () => ((await notePolls(sandbox)) > before ? true : undefined), 180_000, 1000);
}

/** Signs every note (a supervised clinician's note is co-signed, so it is fully signed too). */
async function signAll(sandbox: RunningSandbox, notes: number[]): Promise<void> {
	for (const noteId of notes) {
		const signed = await act(sandbox, 'note-sign', { noteId });
		if (signed.status !== 'signed') await act(sandbox, 'note-cosign', { noteId });
	}
}

export interface TriggerFigures {
	executions: number;
	events: number;
	intents: number;
	duplicateEvents: number;
	duplicateWrites: number;
}

/** Each noteSigned event of a fixture patient makes one charge call; Stripe's idempotency keeps a repeat from charging twice, so calls count the events. */
async function stripeView(stripe: FakeStripe): Promise<{ intents: Row[]; chargeCalls: number }> {
	const view = await getJson<{ paymentIntents: Row[]; calls: Record<string, number> }>(`${stripe.url}/__fake/payment_intents`);
	return { intents: view.paymentIntents, chargeCalls: view.calls['POST /v1/payment_intents'] ?? 0 };
}

async function waitForCharges(run: QueueRun, stripe: FakeStripe, afterId: number, before: { intents: Row[]; chargeCalls: number }): Promise<void> {
	const progress = async () => {
		const now = await stripeView(stripe);
		return { executions: executionsOf(run.pg, COPAY_RECIPE_ID, afterId), intents: now.intents.length - before.intents.length };
	};
	await waitFor(`${NOTES} PaymentIntents, the recipe's executions finished`, async () => {
		const { executions, intents } = await progress();
		return intents >= NOTES && executions.every((e) => e.status !== 'running' && e.status !== 'new') ? true : undefined;
	}, 300_000, 2000).catch(async (error: unknown) => {
		const { executions, intents } = await progress();
		throw new Error(`${String(error)}; now ${intents} PaymentIntents, executions ${JSON.stringify(countBy(executions.map((e) => e.status)))}`);
	});
}

/** Waits past the held poll's answer and one more poll, so that a late duplicate would exist by now. */
async function waitPastHeldPoll(run: QueueRun, signedAt: number): Promise<void> {
	await sleep(Math.max(0, signedAt + 60_000 + SLOW_POLL_MS + 5_000 - Date.now()));
	const polls = await notePolls(run.sandbox);
	await waitFor('one more notes poll', async () => ((await notePolls(run.sandbox)) > polls ? true : undefined), 90_000, 1000);
	await sleep(15_000);
}

/** `report` gets the figures before they are checked, so the summary line counts a failed check's duplicates too. */
export async function triggerPhase(run: QueueRun, stripe: FakeStripe, fixture: TriggerFixture, report: (figures: TriggerFigures) => void): Promise<TriggerFigures> {
	const afterId = lastExecutionId(run.pg);
	const before = await stripeView(stripe);
	// The sandbox caps one rule at 60 s; latencies of matching rules add up.
	const half = { handler: 'notes/list', fault: 'latency', latencyMs: SLOW_POLL_MS / 2, count: 1 };
	await setFaults(run.sandbox, [half, half]);
	const pollsAtSigning = await notePolls(run.sandbox);
	await signAll(run.sandbox, fixture.notes);
	const signedAt = Date.now();
	say(`  signed ${fixture.notes.length} notes; the next notes poll is held ${SLOW_POLL_MS / 1000} s`);
	await waitForCharges(run, stripe, afterId, before);
	await waitPastHeldPoll(run, signedAt);
	const executions = executionsOf(run.pg, COPAY_RECIPE_ID, afterId);
	const after = await stripeView(stripe);
	const intents = after.intents.slice(before.intents.length);
	const events = after.chargeCalls - before.chargeCalls;
	const perNote = countBy(intents.map((i) => String((i.metadata as Row | undefined)?.tn_note_id)));
	const payments = await paymentsByReference(run.sandbox, intents.map((i) => String(i.id)));
	const figures: TriggerFigures = {
		executions: executions.length,
		events,
		intents: intents.length,
		duplicateEvents: Math.max(0, events - NOTES) + Object.values(perNote).reduce((sum, n) => sum + Math.max(0, n - 1), 0),
		duplicateWrites: duplicatesIn(payments),
	};
	report(figures);
	say(`  ${(await notePolls(run.sandbox)) - pollsAtSigning} notes polls; ${events} charge calls in ${figures.executions} executions ${JSON.stringify(countBy(executions.map((e) => e.status)))}; ${figures.intents} PaymentIntents`);
	check(executions.every((e) => e.status === 'success'), `recipe executions: ${JSON.stringify(countBy(executions.map((e) => e.status)))}`);
	check(events === NOTES, `${events} charge calls (events) for ${NOTES} signed notes`);
	check(intents.length === NOTES && Object.keys(perNote).sort().join() === fixture.notes.map(String).sort().join(), `${intents.length} PaymentIntents for notes ${JSON.stringify(Object.keys(perNote))}`);
	check([...payments.values()].every((n) => n === 1), `TherapyNotes payments per PaymentIntent: ${JSON.stringify(countBy([...payments.values()].map(String)))}`);
	return figures;
}
