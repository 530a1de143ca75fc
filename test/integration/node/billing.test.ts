import type { IDataObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import type { Patient as SandboxPatient, Payment as SandboxPayment } from '../../../sandbox/data/types';
import { agingOf, ledgerOf, owedCents } from '../../../sandbox/handlers/ledger';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { admin, sandboxDay, withSandbox } from '../../helpers/sandbox';
import { byPairedItem, handlerHits, sandboxCredential, seededPatients, setFaults, stats } from './fixtures';

// The Billing resource run by n8n-core's WorkflowExecute against the sandbox over real HTTP.

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox));
});
afterEach(async () => {
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const billing = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'billing', operation, ...parameters });
const patient = (id: number | string) => ({ __rl: true, mode: typeof id === 'number' ? 'id' : 'encryptedId', value: String(id) });
const paymentsWith = async (reference: string) => (await admin(sandbox, 'GET', `records/payments?reference=${encodeURIComponent(reference)}`)).rows as SandboxPayment[];
const errorOf = (result: unknown) => (result as { error?: IDataObject }).error;

function owing(): { patient: SandboxPatient; appointmentId: number } {
	for (const p of seededPatients(sandbox)) {
		const charge = ledgerOf(sandbox.state.store, p).charges.find((c) => owedCents(c) >= 2000);
		if (charge) return { patient: p, appointmentId: charge.appointment.id };
	}
	throw new Error('the seed has no patient owing $20');
}

describe('billing: balances and unpaid sessions', () => {
	test('balance with aging in cents; unpaid sessions one item each', async () => {
		const { patient: who } = owing();
		const ledger = ledgerOf(sandbox.state.store, who);
		const balance = await n8n.runNode({ parameters: billing('getBalance', { patientId: patient(who.encryptedId) }), credential });
		expect(balance.error).toBeUndefined();
		expect(balance.items).toEqual([
			{
				json: expect.objectContaining({ patientId: who.id, balanceCents: ledger.chargedCents - ledger.paidCents, agingCents: agingOf(ledger, sandbox.state.nowIso()) }),
				pairedItem: { item: 0 },
			},
		]);
		const unpaid = await n8n.runNode({ parameters: billing('getUnpaidSessions', { patientId: patient(who.id) }), credential });
		const expected = ledger.charges.filter((c) => owedCents(c) > 0);
		expect(unpaid.items.map((i) => [i.json.appointmentId, i.json.owedCents])).toEqual(expected.map((c) => [c.appointment.id, owedCents(c)]));
	});

	test('overdue sessions practice-wide: most overdue first, the limit read page by page', async () => {
		const limited = await n8n.runNode({ parameters: billing('getOverdueSessions', { minDaysOutstanding: 45, limit: 70 }), credential });
		expect(limited.items).toHaveLength(70);
		expect(await handlerHits(sandbox, 'billing/overduesessions')).toBe(2);
		const days = limited.items.map((i) => i.json.daysOutstanding as number);
		expect(days).toEqual([...days].sort((a, b) => b - a));
		expect(Math.min(...days)).toBeGreaterThanOrEqual(45);
	});

	test('an unknown patient is the portal’s NotFound; a portal 500 fails, or is an item with Continue On Fail', async () => {
		const unknown = await n8n.runNode({ parameters: billing('getBalance', { patientId: patient(999999) }), credential });
		expect(unknown.error?.message).toBe("TherapyNotes refused 'billing/balance': The patient could not be found.");
		await setFaults(sandbox, [{ handler: 'billing/balance', fault: '5xx' }]);
		const failed = await n8n.runNode({ parameters: billing('getBalance', { patientId: patient(seededPatients(sandbox)[0].id) }), credential });
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		const continued = await n8n.runNode({ parameters: billing('getBalance', { patientId: patient(seededPatients(sandbox)[0].id) }), credential, continueOnFail: true });
		const failedItem = { json: { error: "TherapyNotes answered 'billing/balance' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } };
		expect(continued.items).toEqual([failedItem]);
		// "Continue (using error output)": n8n moves the same item to the error branch.
		const routed = await n8n.runNode({ parameters: billing('getBalance', { patientId: patient(seededPatients(sandbox)[0].id) }), credential, errorOutput: true });
		expect(routed.items).toEqual([]);
		expect(routed.errorItems).toEqual([failedItem]);
	});
});

describe('billing: payments', () => {
	test('three items with one Stripe reference, the first answer dropped: one payment, the others alreadyPosted', async () => {
		const { patient: who, appointmentId } = owing();
		await setFaults(sandbox, [{ handler: 'billing/savepayment', fault: 'drop', count: 1 }]);
		const parameters = billing('postPayment', {
			patientId: patient(who.id),
			amountCents: '={{ $json.amount }}',
			method: 'card',
			reference: '={{ $json.pi }}',
			additionalFields: { date: `${sandboxDay(sandbox, -1)}T00:00:00`, appliedToAppointmentIds: String(appointmentId) },
		});
		const item = { amount: 2000, pi: 'pi_3Qnode0001' };
		const result = await n8n.runNode({ parameters, credential, items: [item, item, item] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.alreadyPosted)).toEqual([false, true, true]);
		const stored = await paymentsWith('pi_3Qnode0001');
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ patientId: who.id, amountCents: 2000, date: sandboxDay(sandbox, -1), appliedTo: [appointmentId], method: 'card' });
		expect(result.items.every((i) => i.json.id === stored[0].id)).toBe(true);
		expect(await handlerHits(sandbox, 'billing/savepayment')).toBe(1);
		const found = await n8n.runNode({ parameters: billing('getPayments', { findBy: 'reference', reference: 'pi_3Qnode0001' }), credential });
		expect(found.items.map((i) => i.json.id)).toEqual([stored[0].id]);
		const listed = await n8n.runNode({ parameters: billing('getPayments', { patientId: patient(who.id) }), credential });
		expect(listed.items.map((i) => i.json.id)).toContain(stored[0].id);
	});

	test('a zero amount or empty reference fails naming the parameter with nothing sent; a portal 500 is not resent', async () => {
		const who = seededPatients(sandbox)[0];
		const base = { patientId: patient(who.id), amountCents: 500, method: 'cash', reference: 'receipt-1' };
		const before = (await stats(sandbox)).totalRequests;
		const zero = await n8n.runNode({ parameters: billing('postPayment', { ...base, amountCents: '={{ 0 }}' }), credential });
		expect(errorOf(zero)).toMatchObject({ message: "Invalid parameter 'amountCents': must be more than 0", description: 'Nothing was sent to TherapyNotes.' });
		const blank = await n8n.runNode({ parameters: billing('postPayment', { ...base, reference: '={{ "  " }}' }), credential });
		expect(errorOf(blank)?.message).toMatch(/^Invalid parameter 'reference': is required/);
		expect((await stats(sandbox)).totalRequests).toBe(before);
		await setFaults(sandbox, [{ handler: 'billing/savepayment', fault: '5xx' }]);
		const failed = await n8n.runNode({ parameters: billing('postPayment', base), credential, items: [{}, {}], continueOnFail: true });
		const groups = byPairedItem(failed.items);
		expect(groups.get(0)?.[0].error).toBe("TherapyNotes answered 'billing/savepayment' with HTTP 500 (server error).");
		expect(groups.get(1)?.[0].error).toBe("TherapyNotes answered 'billing/savepayment' with HTTP 500 (server error).");
		expect(await handlerHits(sandbox, 'billing/savepayment')).toBe(2);
		expect(await paymentsWith('receipt-1')).toEqual([]);
	});
});
