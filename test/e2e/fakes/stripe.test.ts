import { parseStripeForm, startFakeStripe, type FakeStripe } from './stripe';

/** The fake Stripe the e2e recipes run against: Stripe's wire format and the test-card outcomes, over real HTTP. */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let stripe: FakeStripe;
beforeAll(async () => {
	stripe = await startFakeStripe();
});
afterAll(() => stripe.close());

async function call(path: string, form?: Record<string, string>, key?: string): Promise<{ status: number; body: Json; replayed: boolean }> {
	const headers: Record<string, string> = { Authorization: `Bearer ${stripe.apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded' };
	if (key) headers['Idempotency-Key'] = key;
	const response = await fetch(`${stripe.url}${path}`, form ? { method: 'POST', headers, body: new URLSearchParams(form) } : { headers });
	return { status: response.status, body: (await response.json()) as Json, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

const customer = async (card: string) => (await call('/v1/customers', { 'metadata[tn_patient_id]': '41', 'invoice_settings[default_payment_method]': card })).body.id as string;
const charge = (customerId: string, key: string, amount = '2500') =>
	call('/v1/payment_intents', { amount, currency: 'usd', customer: customerId, off_session: 'true', confirm: 'true', 'metadata[tn_recipe]': 'copay', 'metadata[tn_attempts]': '1' }, key);

test('bracket keys parse as Stripe reads them: nested objects, arrays and indexed lists', () => {
	const parsed = parseStripeForm('metadata[a]=1&expand[]=x&expand[]=y&line_items[0][price_data][unit_amount]=500&line_items[1][quantity]=2');
	expect(parsed).toEqual({ metadata: { a: '1' }, expand: ['x', 'y'], line_items: [{ price_data: { unit_amount: '500' } }, { quantity: '2' }] });
});

test('an off-session decline is a 402 card_error carrying the PaymentIntent; the same key replays it, other params are refused', async () => {
	const id = await customer('pm_card_chargeDeclined');
	const first = await charge(id, 'key-declined');
	expect(first.status).toBe(402);
	expect(first.body.error).toMatchObject({ type: 'card_error', code: 'card_declined', payment_intent: { status: 'requires_payment_method', amount: 2500 } });
	const again = await charge(id, 'key-declined');
	expect(again).toMatchObject({ status: 402, replayed: true });
	expect(again.body.error.payment_intent.id).toBe(first.body.error.payment_intent.id);
	const changed = await charge(id, 'key-declined', '2600');
	expect(changed.status).toBe(400);
	expect(changed.body.error.type).toBe('idempotency_error');
});

test('authentication_required off-session; a retry with a new card succeeds and cannot be confirmed twice', async () => {
	const id = await customer('pm_card_authenticationRequired');
	const failed = await charge(id, 'key-auth');
	expect(failed.body.error.code).toBe('authentication_required');
	const pi = failed.body.error.payment_intent.id as string;
	const updated = await call(`/v1/payment_intents/${pi}`, { 'metadata[tn_attempts]': '2' });
	expect(updated.body.metadata).toEqual({ tn_recipe: 'copay', tn_attempts: '2' });
	const retried = await call(`/v1/payment_intents/${pi}/confirm`, { payment_method: 'pm_card_visa', off_session: 'true' });
	expect(retried.body).toMatchObject({ id: pi, status: 'succeeded', amount_received: 2500, last_payment_error: null });
	const twice = await call(`/v1/payment_intents/${pi}/confirm`, { off_session: 'true' });
	expect(twice.status).toBe(400);
	expect(twice.body.error.code).toBe('payment_intent_unexpected_state');
});

test('search by status and metadata; aging moves created back; cancel leaves the search', async () => {
	const failed = await charge(await customer('pm_card_chargeDeclined'), 'key-search');
	const pi = failed.body.error.payment_intent as Json;
	const query = encodeURIComponent(`status:'requires_payment_method' AND metadata['tn_recipe']:'copay'`);
	const found = await call(`/v1/payment_intents/search?query=${query}`);
	expect(found.body.object).toBe('search_result');
	expect(found.body.data.map((x: Json) => x.id)).toContain(pi.id);
	await fetch(`${stripe.url}/__fake/payment_intents/${pi.id}/age`, { method: 'POST', body: JSON.stringify({ days: 3 }) });
	expect((await call(`/v1/payment_intents/${pi.id}`)).body.created).toBe(pi.created - 3 * 86_400);
	expect((await call(`/v1/payment_intents/${pi.id}/cancel`, { cancellation_reason: 'duplicate' })).body).toMatchObject({ status: 'canceled', cancellation_reason: 'duplicate' });
	expect((await call(`/v1/payment_intents/search?query=${query}`)).body.data.map((x: Json) => x.id)).not.toContain(pi.id);
	expect((await call(`/v1/payment_intents/search?query=${encodeURIComponent('amount>5')}`)).status).toBe(400);
});

test('a Checkout Session is a payment link; paying it makes a succeeded PaymentIntent with the session’s intent metadata', async () => {
	const id = await customer('pm_card_chargeDeclined');
	const session = await call('/v1/checkout/sessions', {
		mode: 'payment',
		customer: id,
		success_url: 'https://practice.example/paid',
		'line_items[0][price_data][currency]': 'usd',
		'line_items[0][price_data][unit_amount]': '3000',
		'line_items[0][price_data][product_data][name]': 'Session copay',
		'line_items[0][quantity]': '1',
		'payment_intent_data[metadata][tn_note_id]': '77',
	});
	expect(session.body).toMatchObject({ object: 'checkout.session', status: 'open', amount_total: 3000, payment_intent: null });
	expect(session.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
	const paid = (await (await fetch(`${stripe.url}/__fake/checkout/sessions/${session.body.id}/complete`, { method: 'POST' })).json()) as Json;
	const intent = (await call(`/v1/payment_intents/${paid.payment_intent}`)).body;
	expect(intent).toMatchObject({ status: 'succeeded', amount: 3000, customer: id, metadata: { tn_note_id: '77' } });
	expect((await call('/v1/checkout/sessions', { mode: 'payment', success_url: 'https://x.example' })).status).toBe(400);
});
