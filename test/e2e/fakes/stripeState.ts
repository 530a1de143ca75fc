import { confirmIntent, mergeMetadata, newIntent } from './stripeIntents';
import { missing, newId, nowSeconds, searchPredicate, searchResult, stripeError, type Json, type Params, type Reply } from './stripeWire';

/** The fake's records: customers, PaymentIntents and Checkout Sessions (payment links). */

const CHECKOUT_LIFETIME_SECONDS = 24 * 3600; // Stripe's default and maximum for a Checkout Session

const badRequest = (message: string, param: string, code = 'parameter_missing'): Reply => ({ status: 400, body: stripeError('invalid_request_error', message, { param, code }) });

interface LineItem {
	quantity?: string;
	price_data?: { currency?: string; unit_amount?: string; product_data?: { name?: string } };
}

export class StripeState {
	readonly intents = new Map<string, Json>();
	readonly customerList = new Map<string, Json>();
	readonly checkoutSessions = new Map<string, Json>();
	/** What a session keeps that Stripe shows only through other calls: its line items and the metadata its PaymentIntent will get. */
	readonly checkoutExtras = new Map<string, { lineItems: Json[]; intentMetadata: Params }>();

	constructor(private readonly autoCustomers: boolean) {}

	createCustomer(params: Params): Json {
		const pm = typeof params.payment_method === 'string' ? params.payment_method : null;
		const invoiceSettings = (params.invoice_settings as Params | undefined) ?? {};
		const customer: Json = {
			id: newId('cus'),
			object: 'customer',
			created: nowSeconds(),
			email: params.email ?? null,
			name: params.name ?? null,
			description: params.description ?? null,
			livemode: false,
			metadata: mergeMetadata({}, params.metadata),
			invoice_settings: { default_payment_method: invoiceSettings.default_payment_method ?? pm, custom_fields: null, footer: null },
		};
		this.customerList.set(customer.id as string, customer);
		return customer;
	}

	/** `POST /v1/customers/:id`: a practice saving the client's new card as the default. */
	updateCustomer(id: string, params: Params): Reply {
		const customer = this.customerList.get(id);
		if (!customer) return missing('customer', id, 'id');
		const pm = ((params.invoice_settings as Params | undefined) ?? {}).default_payment_method;
		if (typeof pm === 'string') customer.invoice_settings = { ...(customer.invoice_settings as Json), default_payment_method: pm };
		if (params.metadata !== undefined) customer.metadata = mergeMetadata(customer.metadata as Params, params.metadata);
		return { status: 200, body: customer };
	}

	searchCustomers(query: string): Reply {
		const matches = searchPredicate(query);
		if (typeof matches === 'string') return badRequest(matches, 'query', 'parameter_invalid');
		let data = [...this.customerList.values()].filter(matches);
		const wanted = /^metadata\[['"]tn_patient_id['"]\]\s*:\s*['"]([^'"]*)['"]$/.exec(query.trim());
		if (data.length === 0 && this.autoCustomers && wanted) {
			data = [this.createCustomer({ metadata: { tn_patient_id: wanted[1] }, payment_method: 'pm_card_visa' })];
		}
		return { status: 200, body: searchResult('/v1/customers/search', data) };
	}

	searchIntents(query: string): Reply {
		const matches = searchPredicate(query);
		if (typeof matches === 'string') return badRequest(matches, 'query', 'parameter_invalid');
		const data = [...this.intents.values()].filter(matches).sort((a, b) => Number(b.created) - Number(a.created));
		return { status: 200, body: searchResult('/v1/payment_intents/search', data) };
	}

	createIntent(params: Params): Reply {
		const amount = Number(params.amount);
		if (!Number.isInteger(amount) || amount < 50) return { status: 400, body: stripeError('invalid_request_error', 'Amount must be at least $0.50 usd', { param: 'amount', code: 'amount_too_small' }) };
		if (typeof params.currency !== 'string') return badRequest('Missing required param: currency.', 'currency');
		const customerId = typeof params.customer === 'string' && params.customer !== '' ? params.customer : null;
		if (customerId && !this.customerList.has(customerId)) return { status: 400, body: stripeError('invalid_request_error', `No such customer: '${customerId}'`, { param: 'customer', code: 'resource_missing' }) };
		const intent = newIntent(params, amount, customerId, this.paymentMethodFor(params, customerId));
		this.intents.set(intent.id as string, intent);
		return params.confirm === 'true' ? confirmIntent(intent, params.off_session === 'true') : { status: 200, body: intent };
	}

	private paymentMethodFor(params: Params, customerId: string | null): string | null {
		if (typeof params.payment_method === 'string' && params.payment_method !== '') return params.payment_method;
		const customer = customerId ? this.customerList.get(customerId) : undefined;
		return ((customer?.invoice_settings as Params | undefined)?.default_payment_method as string | null) ?? null;
	}

	/** `POST /v1/checkout/sessions`, mode `payment` with inline `price_data`: a hosted payment page for one amount. */
	createCheckoutSession(params: Params): Reply {
		if (params.mode !== 'payment') return badRequest('The fake supports mode=payment only.', 'mode', 'parameter_invalid');
		if (typeof params.success_url !== 'string') return badRequest('Missing required param: success_url.', 'success_url');
		const items = (params.line_items as LineItem[] | undefined) ?? [];
		if (items.length === 0) return badRequest('Missing required param: line_items.', 'line_items');
		let amountTotal = 0;
		for (const [i, item] of items.entries()) {
			const unit = Number(item.price_data?.unit_amount);
			if (!Number.isInteger(unit) || !item.price_data?.currency || !item.price_data.product_data?.name) return badRequest(`Missing required param: line_items[${i}][price_data].`, `line_items[${i}][price_data]`);
			amountTotal += unit * Number(item.quantity ?? 1);
		}
		const customerId = typeof params.customer === 'string' ? params.customer : null;
		if (customerId && !this.customerList.has(customerId)) return missing('customer', customerId, 'customer');
		const id = `cs_test_${newId('x').slice(2)}`;
		const intentData = (params.payment_intent_data as Params | undefined) ?? {};
		const session: Json = {
			id,
			object: 'checkout.session',
			mode: 'payment',
			url: `https://checkout.stripe.com/c/pay/${id}`,
			status: 'open',
			payment_status: 'unpaid',
			amount_total: amountTotal,
			currency: String(items[0].price_data?.currency).toLowerCase(),
			customer: customerId,
			created: nowSeconds(),
			expires_at: nowSeconds() + CHECKOUT_LIFETIME_SECONDS,
			metadata: mergeMetadata({}, params.metadata),
			payment_intent: null,
			success_url: params.success_url,
		};
		this.checkoutSessions.set(id, session);
		const lineItems = items.map((item) => ({ description: item.price_data?.product_data?.name, amount_total: Number(item.price_data?.unit_amount) * Number(item.quantity ?? 1), quantity: Number(item.quantity ?? 1) }));
		this.checkoutExtras.set(id, { lineItems, intentMetadata: mergeMetadata({}, intentData.metadata) });
		return { status: 200, body: session };
	}

	/** Test control, not Stripe API: the client pays on the hosted page; Stripe creates a succeeded PaymentIntent. */
	completeCheckoutSession(id: string): Reply {
		const session = this.checkoutSessions.get(id);
		if (!session) return missing('checkout.session', id, 'session');
		if (session.status !== 'open') return { status: 400, body: stripeError('invalid_request_error', `Checkout Session ${id} is ${String(session.status)}`) };
		const params = { currency: session.currency, metadata: this.checkoutExtras.get(id)?.intentMetadata, description: null };
		const intent = newIntent(params, Number(session.amount_total), session.customer as string | null, 'pm_card_visa');
		confirmIntent(intent, false);
		this.intents.set(intent.id as string, intent);
		Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intent.id });
		return { status: 200, body: session };
	}

	/** Test control, not Stripe API: moves a PaymentIntent's `created` into the past (time travel for retry schedules). */
	ageIntent(id: string, days: number): Reply {
		const intent = this.intents.get(id);
		if (!intent) return missing('payment_intent', id, 'intent');
		intent.created = Number(intent.created) - Math.round(days * 86_400);
		return { status: 200, body: intent };
	}
}
