import { randomBytes } from 'node:crypto';
import { missing, newId, nowSeconds, stripeError, type Json, type Params, type Reply } from './stripeWire';

/**
 * PaymentIntents as Stripe runs them for the test payment methods: `pm_card_visa` succeeds;
 * `pm_card_chargeDeclined` is a 402 `card_declined`; `pm_card_authenticationRequired` is a 402
 * `authentication_required` whose PaymentIntent is `requires_payment_method` when
 * `off_session=true` (Stripe's documented off-session result) and `requires_action` (a 200) when
 * the customer is on-session. A failed PaymentIntent can be confirmed again (a retry), updated
 * (metadata is merged key by key; an empty value removes the key) and cancelled.
 */

const CANCELLABLE = new Set(['requires_payment_method', 'requires_confirmation', 'requires_action', 'processing', 'requires_capture']);

const unexpectedState = (intent: Json, action: string): Reply => ({
	status: 400,
	body: stripeError('invalid_request_error', `You cannot ${action} this PaymentIntent because it has a status of ${String(intent.status)}.`, { code: 'payment_intent_unexpected_state', payment_intent: intent }),
});

export function mergeMetadata(current: Params, update: unknown): Params {
	const merged = { ...current };
	for (const [key, value] of Object.entries((update as Params | undefined) ?? {})) {
		if (value === '') delete merged[key];
		else merged[key] = String(value);
	}
	return merged;
}

export function newIntent(params: Params, amount: number, customerId: string | null, paymentMethod: string | null): Json {
	const id = newId('pi');
	return {
		id,
		object: 'payment_intent',
		amount,
		amount_capturable: 0,
		amount_received: 0,
		canceled_at: null,
		cancellation_reason: null,
		capture_method: 'automatic',
		client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
		confirmation_method: 'automatic',
		created: nowSeconds(),
		currency: String(params.currency).toLowerCase(),
		customer: customerId,
		description: params.description ?? null,
		last_payment_error: null,
		latest_charge: null,
		livemode: false,
		metadata: mergeMetadata({}, params.metadata),
		next_action: null,
		payment_method: paymentMethod,
		payment_method_types: ['card'],
		receipt_email: params.receipt_email ?? null,
		setup_future_usage: null,
		statement_descriptor: null,
		status: 'requires_payment_method',
	};
}

function fail(intent: Json, code: string, message: string, declineCode: string): Reply {
	const error = { type: 'card_error', code, decline_code: declineCode, message, doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`, payment_method: { id: intent.payment_method, object: 'payment_method', type: 'card' } };
	intent.status = 'requires_payment_method';
	intent.last_payment_error = error;
	intent.latest_charge = newId('ch');
	return { status: 402, body: { error: { ...error, payment_intent: intent } } };
}

/** Confirms with the PaymentIntent's payment method (set it first for a retry with another card). */
export function confirmIntent(intent: Json, offSession: boolean): Reply {
	if (intent.status === 'succeeded' || intent.status === 'canceled') return unexpectedState(intent, 'confirm');
	const pm = intent.payment_method as string | null;
	if (!pm) return { status: 400, body: stripeError('invalid_request_error', 'You cannot confirm this PaymentIntent because it’s missing a payment method.', { code: 'payment_intent_unexpected_state', payment_intent: intent }) };
	if (pm === 'pm_card_chargeDeclined') return fail(intent, 'card_declined', 'Your card was declined.', 'generic_decline');
	if (pm === 'pm_card_authenticationRequired') {
		if (offSession) return fail(intent, 'authentication_required', 'Your card was declined. This transaction requires authentication.', 'authentication_required');
		intent.status = 'requires_action';
		intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: {} };
		return { status: 200, body: intent };
	}
	intent.status = 'succeeded';
	intent.last_payment_error = null;
	intent.amount_received = intent.amount;
	intent.latest_charge = newId('ch');
	return { status: 200, body: intent };
}

/** `POST /v1/payment_intents/:id/confirm`: `payment_method` and `off_session` as on create. */
export function reconfirm(intents: Map<string, Json>, id: string, params: Params): Reply {
	const intent = intents.get(id);
	if (!intent) return missing('payment_intent', id, 'intent');
	if (typeof params.payment_method === 'string' && intent.status !== 'succeeded' && intent.status !== 'canceled') intent.payment_method = params.payment_method;
	return confirmIntent(intent, params.off_session === 'true');
}

/** `POST /v1/payment_intents/:id`: metadata and description. */
export function updateIntent(intents: Map<string, Json>, id: string, params: Params): Reply {
	const intent = intents.get(id);
	if (!intent) return missing('payment_intent', id, 'intent');
	if (params.metadata !== undefined) intent.metadata = mergeMetadata(intent.metadata as Params, params.metadata);
	if (typeof params.description === 'string') intent.description = params.description;
	return { status: 200, body: intent };
}

/** `POST /v1/payment_intents/:id/cancel`. */
export function cancelIntent(intents: Map<string, Json>, id: string, params: Params): Reply {
	const intent = intents.get(id);
	if (!intent) return missing('payment_intent', id, 'intent');
	if (!CANCELLABLE.has(String(intent.status))) return unexpectedState(intent, 'cancel');
	intent.status = 'canceled';
	intent.canceled_at = nowSeconds();
	intent.cancellation_reason = typeof params.cancellation_reason === 'string' ? params.cancellation_reason : null;
	return { status: 200, body: intent };
}
