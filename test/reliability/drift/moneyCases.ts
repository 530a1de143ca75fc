import { addDays } from '../../../sandbox/util/dates';
import type { OperationCase } from './recordCases';
import { locator, type NodeRun, type World } from './world';

const op = (resource: string, operation: string, prepare: OperationCase['prepare'], variant?: string): OperationCase => ({ resource, operation, prepare, variant });
const params = (resource: string, operation: string, rest: Record<string, unknown> = {}) => ({ resource, operation, ...rest }) as NodeRun['parameters'];

const CLAIM: OperationCase[] = [
	op('claim', 'create', async (w) => ({ parameters: params('claim', 'create', { appointmentId: String((await w.billableAppointment()).id) }) })),
	op('claim', 'get', async (w) => ({ parameters: params('claim', 'get', { claimId: String(w.claim('Paid').id) }) })),
	op('claim', 'getStatus', async (w) => ({ parameters: params('claim', 'getStatus', { claimId: w.claim('Paid').encryptedId }) })),
	op('claim', 'get837P', async (w) => ({ parameters: params('claim', 'get837P', { claimId: String(w.claim('Paid').id) }) })),
	op('claim', 'getMany', async () => ({ parameters: params('claim', 'getMany', { filters: { status: 'paid' }, limit: 5 }) })),
	op('claim', 'submit', async (w) => {
		const created = w.claim('Created');
		return { parameters: params('claim', 'submit', { claimIds: String(created ? created.id : await createdClaim(w)) }) };
	}),
	op('claim', 'resubmit', async (w) => ({ parameters: params('claim', 'resubmit', { claimId: String(w.claim('Paid').id), frequency: '8', payerClaimNumber: `EOB-${w.next()}` }) })),
];

/** When the seed's Created claims are used up, the node makes one (before any drift is on). */
async function createdClaim(w: World): Promise<number> {
	const result = await w.run({ parameters: params('claim', 'create', { appointmentId: String((await w.billableAppointment()).id) }) });
	return result.items[0].json.id as number;
}

const monthAgo = (w: World) => `${addDays(w.today(), -40)}T00:00:00`;
const ERA: OperationCase[] = [
	op('era', 'getMany', async (w) => ({ parameters: params('era', 'getMany', { receivedFrom: monthAgo(w), receivedTo: `${w.today()}T00:00:00`, returnAll: true }) })),
	op('era', 'get', async (w) => ({ parameters: params('era', 'get', { eraId: w.eras()[0].encryptedId }) })),
	op('era', 'getDetail', async (w) => ({ parameters: params('era', 'getDetail', { eraId: String(w.eras()[0].id) }) })),
	op('era', 'download', async (w) => ({ parameters: params('era', 'download', { eraId: String(w.eras()[0].id) }) })),
	op('era', 'markProcessed', async (w) => ({ parameters: params('era', 'markProcessed', { eraId: String(w.unprocessedEra().id) }) })),
	op('era', 'reconcile', async (w) => ({ parameters: params('era', 'reconcile', { eraId: String(w.eras()[0].id) }) }), 'one ERA'),
	op('era', 'reconcile', async (w) => ({ parameters: params('era', 'reconcile', { reconcileBy: 'dateRange', receivedFrom: `${addDays(w.today(), -14)}T00:00:00`, receivedTo: `${w.today()}T00:00:00` }) }), 'by date range'),
];

const BILLING: OperationCase[] = [
	op('billing', 'getBalance', async (w) => ({ parameters: params('billing', 'getBalance', { patientId: locator(w.patients()[0].encryptedId) }) })),
	op('billing', 'getUnpaidSessions', async (w) => ({ parameters: params('billing', 'getUnpaidSessions', { patientId: locator(w.patients()[0].id) }) })),
	op('billing', 'getOverdueSessions', async () => ({ parameters: params('billing', 'getOverdueSessions', { minDaysOutstanding: 30, limit: 10 }) })),
	op('billing', 'getPayments', async (w) => ({ parameters: params('billing', 'getPayments', { patientId: locator(w.patients()[0].id) }) }), 'by patient'),
	op('billing', 'getPayments', async (w) => {
		const reference = `pi_drift_seen_${w.next()}`;
		await w.act('payment-post', { patientId: w.patients()[0].id, amountCents: 1000, reference });
		return { parameters: params('billing', 'getPayments', { findBy: 'reference', reference }) };
	}, 'by reference'),
	op('billing', 'postPayment', async (w) => ({
		parameters: params('billing', 'postPayment', { patientId: locator(w.patients()[0].id), amountCents: 1500, method: 'card', reference: `pi_drift_${w.next()}`, additionalFields: { date: `${w.today()}T00:00:00` } }),
	})),
];

/** A new patient invited to TherapyPortal through the node (before any drift is on). */
async function invitedPatient(w: World): Promise<number> {
	const made = await w.newPatient();
	const invited = await w.run({ parameters: params('portal', 'sendInvite', { patientId: locator(made.id as number) }) });
	expect(invited.error).toBeUndefined();
	return made.id as number;
}

const PORTAL: OperationCase[] = [
	op('portal', 'sendInvite', async (w) => ({ parameters: params('portal', 'sendInvite', { patientId: locator((await w.newPatient()).id) }) })),
	op('portal', 'getTemplates', async () => ({ parameters: params('portal', 'getTemplates') })),
	op('portal', 'assignTemplate', async (w) => ({ parameters: params('portal', 'assignTemplate', { patientId: locator(await invitedPatient(w)), templateId: 1 }) })),
	op('portal', 'getDocuments', async (w) => ({ parameters: params('portal', 'getDocuments', { patientId: locator(w.patients()[0].id) }) })),
	op('portal', 'acknowledgeDocument', async (w) => {
		const patientId = await invitedPatient(w);
		const assigned = await w.run({ parameters: params('portal', 'assignTemplate', { patientId: locator(patientId), templateId: 1 }) });
		const documentId = assigned.items[0].json.id as number;
		await w.act('portal-submit', { documentId });
		return { parameters: params('portal', 'acknowledgeDocument', { documentId: String(documentId) }) };
	}),
];

const PRACTICE: OperationCase[] = [
	...['getClinicians', 'getInfo', 'getLocations', 'getPayers', 'getServiceCodes', 'getTodoList'].map((name) => op('practice', name, async () => ({ parameters: params('practice', name) }))),
	op('practice', 'getNoteTemplates', async () => ({ parameters: params('practice', 'getNoteTemplates', { noteType: 'progressNote' }) })),
];

export const MONEY_CASES: OperationCase[] = [...CLAIM, ...ERA, ...BILLING, ...PORTAL, ...PRACTICE];

/** Healthcheck does not fail on a changed area by design: it reports it. Tested on its own. */
export const HEALTHCHECK: OperationCase = op('practice', 'healthcheck', async () => ({ parameters: params('practice', 'healthcheck') }));
