import { BillingResource } from '../../../lib/client/resources/billing';
import type { Payment } from '../../../lib/client';
import { InvalidInputError } from '../../../lib/client';
import { WriteOutcomeUnknownError, type PortalCall } from '../../../lib/session';

const payment: Payment = {
	id: 90,
	encryptedId: 'AbCdEfGhIjKlMnOpQr',
	patientId: 1001,
	amountCents: 4000,
	date: '2026-11-25',
	method: 'card',
	reference: 'pi_1',
	appliedToAppointmentIds: [],
	createdAt: '2026-11-25T10:00',
};

/** A session whose findpayment answers from `found(n)` (n = how many lookups so far) and whose save does `save()`. */
function stubSession(found: (lookup: number) => Payment[], save: () => unknown) {
	const sent: { operation: string; form?: Record<string, string> }[] = [];
	let lookups = 0;
	const session = {
		request: async <T>(call: PortalCall<T>): Promise<T> => {
			sent.push({ operation: call.operation, form: call.form });
			if (call.operation === 'billing/findpayment') return found(++lookups) as T;
			if (call.operation === 'billing/savepayment') return save() as T;
			throw new Error(`unexpected ${call.operation}`);
		},
	};
	return { billing: new BillingResource(session), sent };
}

const input = { patientId: 1001, amountCents: 4000, method: 'card' as const, reference: ' pi_1 ', date: '2026-11-25', appliedToAppointmentIds: ['2001', 'QqQqQqQqQqQqQqQqQq'] };
const lost = () => {
	throw new WriteOutcomeUnknownError('billing/savepayment', 'socket hang up');
};

describe('postPayment', () => {
	test('sends dollars with cents exact, the trimmed reference and the applied ids', async () => {
		const { billing, sent } = stubSession((n) => (n === 1 ? [] : [payment]), () => ({ id: 90, encryptedId: payment.encryptedId }));
		expect(await billing.postPayment({ ...input, amountCents: 4000 })).toEqual({ payment, alreadyPosted: false });
		const save = sent.find((s) => s.operation === 'billing/savepayment')!;
		expect(JSON.parse(save.form!.payment)).toEqual({ PatientID: 1001, Amount: '40.00', Date: '11/25/2026', Method: 'card', Reference: 'pi_1', AppliedTo: [2001, 'QqQqQqQqQqQqQqQqQq'] });
		expect(sent.map((s) => s.operation)).toEqual(['billing/findpayment', 'billing/savepayment', 'billing/findpayment']);
	});

	test('a lost answer with nothing found afterwards is reported and never resent', async () => {
		const { billing, sent } = stubSession(() => [], lost);
		await expect(billing.postPayment(input)).rejects.toBeInstanceOf(WriteOutcomeUnknownError);
		expect(sent.map((s) => s.operation)).toEqual(['billing/findpayment', 'billing/savepayment', 'billing/findpayment']);
	});

	test('a reference already used for another amount is refused before any save', async () => {
		const { billing, sent } = stubSession(() => [{ ...payment, amountCents: 100 }], lost);
		await expect(billing.postPayment(input)).rejects.toBeInstanceOf(InvalidInputError);
		expect(sent.map((s) => s.operation)).toEqual(['billing/findpayment']);
	});
});
