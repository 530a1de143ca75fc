import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/**
 * A local fake of the parts of Stripe's v1 API our recipes call, speaking Stripe's wire format
 * (form-encoded requests with bracket keys, JSON answers, `error` objects, Idempotency-Key).
 * Stripe cannot be reached from the test machines, and a fake lets the tests read back exactly
 * what a workflow sent, including whether anything PHI-like leaked into description or metadata.
 *
 * Shapes follow https://docs.stripe.com/api/payment_intents/object and /api/errors. Behaviour of
 * Stripe's test payment methods: `pm_card_visa` succeeds; `pm_card_chargeDeclined` is a 402
 * `card_declined`; `pm_card_authenticationRequired` is a 402 `authentication_required` whose
 * PaymentIntent is `requires_payment_method` when `off_session=true` (Stripe's documented
 * off-session result) and `requires_action` (a 200) when the customer is on-session.
 */

type Params = Record<string, unknown>;
type Json = Record<string, unknown>;

export interface FakeStripeOptions {
	port?: number;
	apiKey?: string;
	/** Demo convenience, not Stripe behaviour: a customer search by `metadata['tn_patient_id']` that finds nothing creates one with `pm_card_visa`. */
	autoCustomers?: boolean;
}

export interface FakeStripe {
	url: string;
	apiKey: string;
	paymentIntents(): Json[];
	customers(): Json[];
	close(): Promise<void>;
}

interface Stored {
	key: string;
	fingerprint: string;
	status: number;
	body: Json;
}

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

/** `metadata[a]=1&expand[]=x` → `{ metadata: { a: '1' }, expand: ['x'] }` (one level, as our callers need). */
export function parseStripeForm(body: string): Params {
	const out: Params = {};
	for (const [rawKey, value] of new URLSearchParams(body)) {
		const match = /^([^[]+)\[([^\]]*)\]$/.exec(rawKey);
		if (!match) out[rawKey] = value;
		else if (match[2] === '') out[match[1]] = [...((out[match[1]] as string[]) ?? []), value];
		else out[match[1]] = { ...((out[match[1]] as Params) ?? {}), [match[2]]: value };
	}
	return out;
}

const stripeError = (type: string, message: string, extra: Json = {}): Json => ({ error: { type, message, ...extra } });

/** What looks like PHI in free text: an email, a date (DOB), a phone number, an SSN. */
export function phiSuspects(text: string): string[] {
	const found: string[] = [];
	if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(text)) found.push('email');
	if (/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text)) found.push('date');
	if (/\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b555-\d{4}\b/.test(text)) found.push('phone');
	if (/\b\d{3}-\d{2}-\d{4}\b/.test(text)) found.push('ssn');
	return found;
}

class StripeState {
	readonly intents = new Map<string, Json>();
	readonly customerList = new Map<string, Json>();
	readonly idempotency = new Map<string, Stored>();

	constructor(private readonly autoCustomers: boolean) {}

	createCustomer(params: Params): Json {
		const pm = typeof params.payment_method === 'string' ? params.payment_method : null;
		const invoiceSettings = (params.invoice_settings as Params | undefined) ?? {};
		const customer: Json = {
			id: newId('cus'),
			object: 'customer',
			created: now(),
			email: params.email ?? null,
			name: params.name ?? null,
			description: params.description ?? null,
			livemode: false,
			metadata: (params.metadata as Params) ?? {},
			invoice_settings: { default_payment_method: invoiceSettings.default_payment_method ?? pm, custom_fields: null, footer: null },
		};
		this.customerList.set(customer.id as string, customer);
		return customer;
	}

	/** Stripe's search query language, only the form recipes use: `metadata['key']:'value'`. */
	searchCustomers(query: string): Json {
		const match = /^metadata\[['"]([^'"]+)['"]\]\s*:\s*['"]([^'"]*)['"]$/.exec(query.trim());
		if (!match) return { status: 400, ...stripeError('invalid_request_error', `Unsupported search query in the fake: ${query}`) };
		const [, key, value] = match;
		let data = [...this.customerList.values()].filter((c) => (c.metadata as Params)[key] === value);
		if (data.length === 0 && this.autoCustomers && key === 'tn_patient_id') {
			data = [this.createCustomer({ metadata: { tn_patient_id: value }, payment_method: 'pm_card_visa' })];
		}
		return { object: 'search_result', url: '/v1/customers/search', has_more: false, next_page: null, data };
	}

	createIntent(params: Params): { status: number; body: Json } {
		const amount = Number(params.amount);
		if (!Number.isInteger(amount) || amount < 50) return { status: 400, body: stripeError('invalid_request_error', 'Amount must be at least $0.50 usd', { param: 'amount', code: 'amount_too_small' }) };
		if (typeof params.currency !== 'string') return { status: 400, body: stripeError('invalid_request_error', 'Missing required param: currency.', { param: 'currency', code: 'parameter_missing' }) };
		const customerId = typeof params.customer === 'string' ? params.customer : null;
		if (customerId && !this.customerList.has(customerId)) return { status: 400, body: stripeError('invalid_request_error', `No such customer: '${customerId}'`, { param: 'customer', code: 'resource_missing' }) };
		const intent = this.newIntent(params, amount, customerId);
		this.intents.set(intent.id as string, intent);
		return params.confirm === 'true' ? this.confirm(intent, params.off_session === 'true') : { status: 200, body: intent };
	}

	private newIntent(params: Params, amount: number, customerId: string | null): Json {
		const id = newId('pi');
		return {
			id,
			object: 'payment_intent',
			amount,
			amount_capturable: 0,
			amount_received: 0,
			capture_method: 'automatic',
			client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
			confirmation_method: 'automatic',
			created: now(),
			currency: String(params.currency).toLowerCase(),
			customer: customerId,
			description: params.description ?? null,
			last_payment_error: null,
			latest_charge: null,
			livemode: false,
			metadata: (params.metadata as Params) ?? {},
			next_action: null,
			payment_method: this.paymentMethodFor(params, customerId),
			payment_method_types: ['card'],
			receipt_email: params.receipt_email ?? null,
			setup_future_usage: null,
			statement_descriptor: null,
			status: 'requires_payment_method',
		};
	}

	private paymentMethodFor(params: Params, customerId: string | null): string | null {
		if (typeof params.payment_method === 'string') return params.payment_method;
		const customer = customerId ? this.customerList.get(customerId) : undefined;
		return ((customer?.invoice_settings as Params | undefined)?.default_payment_method as string | null) ?? null;
	}

	private confirm(intent: Json, offSession: boolean): { status: number; body: Json } {
		const pm = intent.payment_method as string | null;
		if (!pm) return { status: 400, body: stripeError('invalid_request_error', 'You cannot confirm this PaymentIntent because it’s missing a payment method.', { code: 'payment_intent_unexpected_state', payment_intent: intent }) };
		if (pm === 'pm_card_chargeDeclined') return this.fail(intent, 'card_declined', 'Your card was declined.', 'generic_decline');
		if (pm === 'pm_card_authenticationRequired') {
			if (offSession) return this.fail(intent, 'authentication_required', 'Your card was declined. This transaction requires authentication.', 'authentication_required');
			intent.status = 'requires_action';
			intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} };
			return { status: 200, body: intent };
		}
		intent.status = 'succeeded';
		intent.amount_received = intent.amount;
		intent.latest_charge = newId('ch');
		return { status: 200, body: intent };
	}

	private fail(intent: Json, code: string, message: string, declineCode: string): { status: number; body: Json } {
		const error = { type: 'card_error', code, decline_code: declineCode, message, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`, payment_method: { id: intent.payment_method, object: 'payment_method', type: 'card' } };
		intent.status = 'requires_payment_method';
		intent.last_payment_error = error;
		intent.latest_charge = newId('ch');
		return { status: 402, body: { error: { ...error, payment_intent: intent } } };
	}
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': newId('req'), 'Stripe-Version': '2024-06-20', ...headers });
	res.end(JSON.stringify(body));
}

/** Stripe takes the secret key as a bearer token or as the Basic-auth user name. */
function apiKeyOf(req: IncomingMessage): string | null {
	const header = req.headers.authorization ?? '';
	if (header.startsWith('Bearer ')) return header.slice(7).trim();
	if (header.startsWith('Basic ')) return Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0];
	return null;
}

function testView(state: StripeState): Json {
	const paymentIntents = [...state.intents.values()];
	const suspects = paymentIntents.flatMap((pi) => {
		const texts = [String(pi.description ?? ''), ...Object.values(pi.metadata as Params).map(String)];
		const kinds = [...new Set(texts.flatMap(phiSuspects))];
		return kinds.length ? [{ id: pi.id, kinds }] : [];
	});
	const keys = [...state.idempotency.values()].map((s) => ({ key: s.key, status: s.status, id: (s.body.id ?? (s.body.error as Json | undefined)?.payment_intent) as unknown }));
	return { paymentIntents, customers: [...state.customerList.values()], idempotencyKeys: keys, phiSuspects: suspects };
}

/** Key order must not matter when comparing a retry with the first request. */
const canonical = (value: unknown): string =>
	value && typeof value === 'object' && !Array.isArray(value)
		? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Params)[k])}`).join(',')}}`
		: JSON.stringify(value);

/** Runs a POST through the idempotency layer: same key + same params replays, different params is an error. */
function idempotent(state: StripeState, req: IncomingMessage, path: string, params: Params, run: () => { status: number; body: Json }) {
	const key = req.headers['idempotency-key'];
	if (typeof key !== 'string' || key === '') return { ...run(), replayed: false };
	const fingerprint = `${path}\n${canonical(params)}`;
	const stored = state.idempotency.get(key);
	if (stored && stored.fingerprint !== fingerprint) {
		const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
		return { status: 400, body: stripeError('idempotency_error', message), replayed: false };
	}
	if (stored) return { status: stored.status, body: stored.body, replayed: true };
	const result = run();
	state.idempotency.set(key, { key, fingerprint, ...result });
	return { ...result, replayed: false };
}

async function route(state: StripeState, apiKey: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://fake');
	const path = url.pathname;
	if (req.method === 'GET' && path === '/__fake/payment_intents') return send(res, 200, testView(state));
	if (apiKeyOf(req) !== apiKey) return send(res, 401, stripeError('invalid_request_error', `Invalid API Key provided: ${String(apiKeyOf(req) ?? '').slice(0, 8)}…`));
	const params = req.method === 'POST' ? parseStripeForm(await readBody(req)) : {};
	const reply = (r: { status: number; body: Json; replayed: boolean }) => send(res, r.status, r.body, r.replayed ? { 'Idempotent-Replayed': 'true' } : {});
	if (req.method === 'POST' && path === '/v1/customers') return reply(idempotent(state, req, path, params, () => ({ status: 200, body: state.createCustomer(params) })));
	if (req.method === 'GET' && path === '/v1/customers/search') {
		const result = state.searchCustomers(url.searchParams.get('query') ?? '');
		return send(res, typeof result.status === 'number' ? result.status : 200, result);
	}
	const attach = /^\/v1\/payment_methods\/([^/]+)\/attach$/.exec(path);
	if (req.method === 'POST' && attach) {
		return send(res, 200, { id: attach[1], object: 'payment_method', type: 'card', customer: params.customer ?? null, card: { brand: 'visa', last4: '4242' } });
	}
	if (req.method === 'POST' && path === '/v1/payment_intents') return reply(idempotent(state, req, path, params, () => state.createIntent(params)));
	const get = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
	if (req.method === 'GET' && get) {
		const intent = state.intents.get(get[1]);
		return intent ? send(res, 200, intent) : send(res, 404, stripeError('invalid_request_error', `No such payment_intent: '${get[1]}'`, { code: 'resource_missing', param: 'intent' }));
	}
	return send(res, 404, stripeError('invalid_request_error', `Unrecognized request URL (${req.method}: ${path}).`));
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
	const apiKey = options.apiKey ?? 'sk_test_fake_therapynotes_e2e';
	const state = new StripeState(options.autoCustomers ?? false);
	const server: Server = createServer((req, res) => {
		route(state, apiKey, req, res).catch((error: unknown) => send(res, 500, stripeError('api_error', String(error))));
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		apiKey,
		paymentIntents: () => [...state.intents.values()],
		customers: () => [...state.customerList.values()],
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

// `tsx test/e2e/fakes/stripe.ts --port 12111 [--auto-customers]` runs it alone and prints its address.
if (require.main === module) {
	const portArg = process.argv.indexOf('--port');
	startFakeStripe({ port: portArg > 0 ? Number(process.argv[portArg + 1]) : 0, autoCustomers: process.argv.includes('--auto-customers') })
		.then((s) => process.stdout.write(`FAKE_STRIPE ${JSON.stringify({ url: s.url, apiKey: s.apiKey })}\n`))
		.catch((error: unknown) => {
			process.stderr.write(`fake stripe: ${String(error)}\n`);
			process.exit(2);
		});
}
