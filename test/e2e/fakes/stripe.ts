import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cancelIntent, reconfirm, updateIntent } from './stripeIntents';
import { StripeState } from './stripeState';
import { listIntents } from './stripeList';
import { canonical, newId, parseStripeForm, phiSuspects, stripeError, type Json, type Params, type Reply } from './stripeWire';

export { parseStripeForm, phiSuspects } from './stripeWire';

/**
 * A local fake of the parts of Stripe's v1 API our recipes call, speaking Stripe's wire format
 * (form-encoded requests with bracket keys, JSON answers, `error` objects, Idempotency-Key).
 * Stripe cannot be reached from the test machines, and a fake lets the tests read back exactly
 * what a workflow sent, including whether anything PHI-like leaked into description or metadata.
 *
 * Shapes follow https://docs.stripe.com/api/payment_intents/object, /api/checkout/sessions and
 * /api/errors; test payment methods behave as `stripeIntents.ts` says. Calls: customers (create,
 * update, search), payment methods (attach), PaymentIntents (create, retrieve, update, confirm,
 * cancel, search), Checkout Sessions (create). Test controls live under `/__fake/`: the view of
 * everything sent, a Checkout Session paid by the client, and a PaymentIntent's `created` moved
 * into the past (`POST /__fake/payment_intents/:id/age {"days": n}`) for retry schedules.
 */

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

interface Stored {
	key: string;
	fingerprint: string;
	status: number;
	body: Json;
}

interface FakeServer {
	state: StripeState;
	apiKey: string;
	idempotency: Map<string, Stored>;
	/** Every API call as `METHOD /path` with ids replaced by `:id`, counted: tests read how often a recipe polled. */
	calls: Map<string, number>;
}

const intentIdOf = (body: Json) => (body.object === 'payment_intent' ? body.id : ((body.error as Json | undefined)?.payment_intent as Json | undefined)?.id) ?? body.id;

function testView(server: FakeServer): Json {
	const { state } = server;
	const paymentIntents = [...state.intents.values()];
	const texts = (pi: Json) => [String(pi.description ?? ''), ...Object.values(pi.metadata as Params).map(String)];
	const sessionTexts = (id: string, cs: Json) => [...Object.values(cs.metadata as Params).map(String), ...(state.checkoutExtras.get(id)?.lineItems ?? []).map((l) => String(l.description))];
	const suspects = [
		...paymentIntents.map((pi) => ({ id: pi.id, kinds: [...new Set(texts(pi).flatMap(phiSuspects))] })),
		...[...state.checkoutSessions.entries()].map(([id, cs]) => ({ id, kinds: [...new Set(sessionTexts(id, cs).flatMap(phiSuspects))] })),
	].filter((s) => s.kinds.length > 0);
	const keys = [...server.idempotency.values()].map((s) => ({ key: s.key, status: s.status, id: intentIdOf(s.body) }));
	const checkoutSessions = [...state.checkoutSessions.entries()].map(([id, cs]) => ({ ...cs, line_items: state.checkoutExtras.get(id)?.lineItems ?? [] }));
	return { paymentIntents, customers: [...state.customerList.values()], checkoutSessions, idempotencyKeys: keys, phiSuspects: suspects, calls: Object.fromEntries(server.calls) };
}

/** Runs a POST through the idempotency layer: same key + same params replays, different params is an error. */
function idempotent(server: FakeServer, req: IncomingMessage, path: string, params: Params, run: () => Reply) {
	const key = req.headers['idempotency-key'];
	if (typeof key !== 'string' || key === '') return { ...run(), replayed: false };
	const fingerprint = `${path}\n${canonical(params)}`;
	const stored = server.idempotency.get(key);
	if (stored && stored.fingerprint !== fingerprint) {
		const message = `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`;
		return { status: 400, body: stripeError('idempotency_error', message), replayed: false };
	}
	if (stored) return { status: stored.status, body: stored.body, replayed: true };
	const result = run();
	server.idempotency.set(key, { key, fingerprint, ...result });
	return { ...result, replayed: false };
}

type Route = [method: string, pattern: RegExp, handle: (server: FakeServer, params: Params, match: string[], url: URL) => Reply];

const ROUTES: Route[] = [
	['POST', /^\/v1\/customers$/, (s, p) => ({ status: 200, body: s.state.createCustomer(p) })],
	['GET', /^\/v1\/customers\/search$/, (s, _p, _m, url) => s.state.searchCustomers(url.searchParams.get('query') ?? '')],
	['GET', /^\/v1\/customers\/([^/]+)$/, (s, _p, m) => { const c = s.state.customerList.get(m[1]); return c ? { status: 200, body: c } : { status: 404, body: stripeError('invalid_request_error', `No such customer: '${m[1]}'`, { code: 'resource_missing', param: 'id' }) }; }],
	['POST', /^\/v1\/customers\/([^/]+)$/, (s, p, m) => s.state.updateCustomer(m[1], p)],
	['POST', /^\/v1\/payment_methods\/([^/]+)\/attach$/, (_s, p, m) => ({ status: 200, body: { id: m[1], object: 'payment_method', type: 'card', customer: p.customer ?? null, card: { brand: 'visa', last4: '4242' } } })],
	['POST', /^\/v1\/payment_intents$/, (s, p) => s.state.createIntent(p)],
	['GET', /^\/v1\/payment_intents$/, (s, _p, _m, url) => listIntents(s.state.intents, url.searchParams)],
	['GET', /^\/v1\/payment_intents\/search$/, (s, _p, _m, url) => s.state.searchIntents(url.searchParams.get('query') ?? '')],
	['GET', /^\/v1\/payment_intents\/([^/]+)$/, (s, _p, m) => { const pi = s.state.intents.get(m[1]); return pi ? { status: 200, body: pi } : { status: 404, body: stripeError('invalid_request_error', `No such payment_intent: '${m[1]}'`, { code: 'resource_missing', param: 'intent' }) }; }],
	['POST', /^\/v1\/payment_intents\/([^/]+)$/, (s, p, m) => updateIntent(s.state.intents, m[1], p)],
	['POST', /^\/v1\/payment_intents\/([^/]+)\/confirm$/, (s, p, m) => reconfirm(s.state.intents, m[1], p)],
	['POST', /^\/v1\/payment_intents\/([^/]+)\/cancel$/, (s, p, m) => cancelIntent(s.state.intents, m[1], p)],
	['POST', /^\/v1\/checkout\/sessions$/, (s, p) => s.state.createCheckoutSession(p)],
];

/** Test controls (no API key): the view, a client paying a Checkout Session, time travel for one PaymentIntent. */
function control(server: FakeServer, method: string, path: string, body: string): Reply | undefined {
	if (method === 'GET' && path === '/__fake/payment_intents') return { status: 200, body: testView(server) };
	const pay = /^\/__fake\/checkout\/sessions\/([^/]+)\/complete$/.exec(path);
	if (method === 'POST' && pay) return server.state.completeCheckoutSession(pay[1]);
	const age = /^\/__fake\/payment_intents\/([^/]+)\/age$/.exec(path);
	if (method === 'POST' && age) return server.state.ageIntent(age[1], Number((JSON.parse(body || '{}') as { days?: number }).days ?? 0));
	return undefined;
}

async function route(server: FakeServer, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://fake');
	const path = url.pathname;
	const method = req.method ?? 'GET';
	const raw = method === 'POST' ? await readBody(req) : '';
	const controlled = control(server, method, path, raw);
	if (controlled) return send(res, controlled.status, controlled.body);
	if (apiKeyOf(req) !== server.apiKey) return send(res, 401, stripeError('invalid_request_error', `Invalid API Key provided: ${String(apiKeyOf(req) ?? '').slice(0, 8)}…`));
	const params = parseStripeForm(raw);
	for (const [routeMethod, pattern, handle] of ROUTES) {
		const match = pattern.exec(path);
		if (routeMethod !== method || !match) continue;
		const name = `${method} ${pattern.source.replace(/\(\[\^\/\]\+\)/g, ':id').replace(/\\/g, '').replace(/^\^|\$$/g, '')}`;
		server.calls.set(name, (server.calls.get(name) ?? 0) + 1);
		const result = method === 'POST' ? idempotent(server, req, path, params, () => handle(server, params, [...match], url)) : { ...handle(server, params, [...match], url), replayed: false };
		return send(res, result.status, result.body, result.replayed ? { 'Idempotent-Replayed': 'true' } : {});
	}
	return send(res, 404, stripeError('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`));
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
	const apiKey = options.apiKey ?? 'sk_test_fake_therapynotes_e2e';
	const server: FakeServer = { state: new StripeState(options.autoCustomers ?? false), apiKey, idempotency: new Map(), calls: new Map() };
	const http: Server = createServer((req, res) => {
		route(server, req, res).catch((error: unknown) => send(res, 500, stripeError('api_error', String(error))));
	});
	await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		apiKey,
		paymentIntents: () => [...server.state.intents.values()],
		customers: () => [...server.state.customerList.values()],
		close: () => new Promise<void>((resolve) => http.close(() => resolve())),
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
