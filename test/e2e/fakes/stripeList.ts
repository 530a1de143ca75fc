import { stripeError, type Json, type Reply } from './stripeWire';

/**
 * `GET /v1/payment_intents` (https://docs.stripe.com/api/payment_intents/list): newest first,
 * `created[gte|gt|lte|lt]` (unix seconds), `customer`, `limit` 1–100 (default 10) and
 * `starting_after` for the next page, answered as Stripe's `list` object with `has_more`.
 */
export function listIntents(intents: Map<string, Json>, query: URLSearchParams): Reply {
	const limit = Number(query.get('limit') ?? '10');
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) return { status: 400, body: stripeError('invalid_request_error', 'This value must be between 1 and 100.', { param: 'limit' }) };
	const bound = (op: string) => (query.has(`created[${op}]`) ? Number(query.get(`created[${op}]`)) : undefined);
	const [gte, gt, lte, lt] = ['gte', 'gt', 'lte', 'lt'].map(bound);
	const inRange = (created: number) => (gte === undefined || created >= gte) && (gt === undefined || created > gt) && (lte === undefined || created <= lte) && (lt === undefined || created < lt);
	const customer = query.get('customer');
	let rows = [...intents.values()]
		.filter((pi) => inRange(Number(pi.created)) && (customer === null || pi.customer === customer))
		.sort((a, b) => Number(b.created) - Number(a.created));
	const after = query.get('starting_after');
	if (after) {
		const index = rows.findIndex((pi) => pi.id === after);
		if (index < 0) return { status: 400, body: stripeError('invalid_request_error', `No such payment_intent: '${after}'`, { param: 'starting_after', code: 'resource_missing' }) };
		rows = rows.slice(index + 1);
	}
	return { status: 200, body: { object: 'list', url: '/v1/payment_intents', has_more: rows.length > limit, data: rows.slice(0, limit) } };
}
