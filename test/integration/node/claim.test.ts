import type { ICredentialDataDecryptedObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import type { Claim as SandboxClaim } from '../../../sandbox/data/types';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { admin, withSandbox } from '../../helpers/sandbox';
import { claimsIn, completedSession } from '../../helpers/sessions';
import { validate837P } from '../../../lib/x12';
import { handlerHits, sandboxCredential, setFaults, stats } from './fixtures';

// The Claim resource of the TherapyNotes node run by n8n-core's WorkflowExecute against the sandbox.

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox) as ICredentialDataDecryptedObject);
});
afterEach(async () => {
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const store = () => sandbox.state.store;
const claim = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'claim', operation, ...parameters });
const run = (parameters: INodeParameters, continueOnFail = false) => n8n.runNode({ parameters, credential, continueOnFail });
const seededClaim = (status: SandboxClaim['status']) => [...store().claims.values()].find((c) => c.status === status)!;

/** A completed session of an insured patient with a signed note and no claim yet. */
const billable = () => completedSession(sandbox);

/** Names and birth dates of every seeded patient: none may appear in a Summary output. */
const phi = () => [...store().patients.values()].flatMap((p) => [`"${p.lastName}"`, p.dob]);

describe('claim: create, get, status, 837P', () => {
	test('create (Summary): ids, status, amounts and the 837P facts, no patient data; All Fields has the 837P text', async () => {
		const appointment = await billable();
		const summary = await run(claim('create', { appointmentId: appointment.encryptedId }));
		expect(summary.error).toBeUndefined();
		const [record] = (await admin(sandbox, 'GET', `records/claims?appointmentId=${appointment.id}`)).rows as SandboxClaim[];
		expect(summary.items).toEqual([{
			json: expect.objectContaining({
				id: record.id, status: 'created', appointmentId: appointment.id, chargeCents: record.chargeCents, frequency: '1', clinicianId: appointment.clinicianId,
				alreadyExisted: false, recovered: false, x12: { fileName: `CLAIM-${record.id}.837`, valid: true, problems: [], interchangeControlNumber: record.id },
			}),
			pairedItem: { item: 0 },
		}]);
		const text = JSON.stringify(summary.items);
		for (const value of phi()) expect(text).not.toContain(value);
		expect(text).not.toContain('ISA*');

		const all = await run(claim('create', { appointmentId: String(appointment.id), output: 'all', x12Options: { receiverId: 'CLEARING1', usage: 'T' } }));
		const json = all.items[0].json as { alreadyExisted: boolean; x12: { text: string }; patient: { lastName: string } };
		expect(json).toMatchObject({ id: record.id, alreadyExisted: true, patient: { lastName: store().patients.get(appointment.patientIds[0])!.lastName } });
		expect(validate837P(json.x12.text).valid).toBe(true);
		expect(json.x12.text).toContain('*CLEARING1      *');
		expect((await admin(sandbox, 'GET', `records/claims?appointmentId=${appointment.id}`)).count).toBe(1);
	});

	test('create is refused with the portal’s reason for an appointment that is not completed', async () => {
		const scheduled = [...store().appointments.values()].find((a) => a.status === 0 && a.patientIds.length === 1)!;
		const result = await run(claim('create', { appointmentId: String(scheduled.id) }));
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'TherapyNotes code: AppointmentNotCompleted' });
		expect(result.error?.message).toBe("TherapyNotes refused 'claims/create': The appointment is Scheduled, not Show: only a completed appointment can be billed.");
	});

	test('get, get status and get 837P of a seeded claim', async () => {
		const accepted = seededClaim('Accepted');
		await admin(sandbox, 'POST', 'act/claims-adjudicate', { claimIds: [accepted.id], outcome: 'reject', rejectionCodes: ['A7:562'] });
		const got = await run(claim('get', { claimId: String(accepted.id) }));
		expect(got.items[0].json).toMatchObject({ id: accepted.id, status: 'pendingResubmit', chargeCents: accepted.chargeCents, rejectionCodes: ['A7:562'] });
		expect(Object.keys(got.items[0].json)).not.toContain('patient');
		const status = await run(claim('getStatus', { claimId: accepted.encryptedId }));
		expect(status.items[0].json).toMatchObject({ id: accepted.id, status: 'pendingResubmit', rejectionCodes: ['A7:562'], payerClaimNumber: accepted.payerClaimNumber });
		const file = await run(claim('get837P', { claimId: String(accepted.id) }));
		expect(file.items[0].json).toMatchObject({ claimId: accepted.id, valid: true, fileName: `CLAIM-${accepted.id}.837` });
		expect(validate837P(String(file.items[0].json.text)).valid).toBe(true);
	});

	test('an unknown claim fails with the portal’s NotFound; with Continue On Fail it is an error item', async () => {
		const failed = await run(claim('get', { claimId: '99999999' }));
		expect(failed.status).toBe('error');
		expect(failed.error).toMatchObject({ name: 'NodeOperationError', description: 'TherapyNotes code: NotFound', context: { itemIndex: 0 } });
		expect(failed.error?.message).toBe("TherapyNotes refused 'claims/get': The claim could not be found.");
		const continued = await run(claim('getStatus', { claimId: '99999999' }), true);
		expect(continued.items).toEqual([{ json: { error: "TherapyNotes refused 'claims/get': The claim could not be found.", details: 'TherapyNotes code: NotFound' }, pairedItem: { item: 0 } }]);
	});
});

describe('claim: get many, submit, resubmit', () => {
	test('get many by status with a limit: one item per claim, in Summary', async () => {
		const result = await run(claim('getMany', { filters: { status: 'paid' }, limit: 5 }));
		expect(result.items).toHaveLength(5);
		for (const item of result.items) expect(store().claims.get(item.json.id as number)!.status).toBe('Paid');
		expect(result.items.every((item) => item.json.patientName === undefined)).toBe(true);
		expect(await handlerHits(sandbox, 'claims/search')).toBe(1);
	});

	test('get many with a date range that ends before it starts fails naming the parameter, and nothing reaches the portal', async () => {
		await run(claim('getStatus', { claimId: String(seededClaim('Paid').id) })); // logged in, so a login cannot hide in the count
		const before = (await stats(sandbox)).totalRequests;
		const result = await run(claim('getMany', { returnAll: true, filters: { dateOfServiceFrom: '2026-10-31T00:00:00', dateOfServiceTo: '2026-10-01T00:00:00' } }));
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'Nothing was sent to TherapyNotes.' });
		expect(result.error?.message).toBe("Invalid parameter 'filters.dateOfServiceTo': is before 'dateOfServiceFrom'");
		expect((await stats(sandbox)).totalRequests).toBe(before);
	});

	test('submit two claims by a comma-separated list: one item each, Submitted in the portal', async () => {
		const created = (await claimsIn(sandbox, 'Created', 2)).slice(0, 2).map((id) => store().claims.get(id)!);
		const result = await run(claim('submit', { claimIds: `${created[0].id}, ${created[1].encryptedId}` }));
		expect(result.items.map((i) => i.json)).toEqual(created.map((c) => ({ id: c.id, encryptedId: c.encryptedId, status: 'submitted', recovered: false })));
		expect(created.map((c) => store().claims.get(c.id)!.status)).toEqual(['Submitted', 'Submitted']);
	});

	test('resubmit a paid claim as a void (8) with the payer claim number', async () => {
		const paid = seededClaim('Paid');
		const result = await run(claim('resubmit', { claimId: String(paid.id), frequency: '8', payerClaimNumber: 'EOB-1' }));
		expect(result.items[0].json).toMatchObject({ id: paid.id, status: 'submitted', frequency: '8', payerClaimNumber: 'EOB-1', recovered: false, x12: { valid: true } });
		expect(store().claims.get(paid.id)).toMatchObject({ status: 'Submitted', frequency: '8', payerClaimNumber: 'EOB-1' });
	});
});

describe('claim: portal 500', () => {
	test('without Continue On Fail: the node fails with the HTTP status after the read was retried (1 + 4 attempts)', async () => {
		await setFaults(sandbox, [{ handler: 'claims/get', fault: '5xx' }]);
		const result = await run(claim('get', { claimId: String(seededClaim('Paid').id) }));
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', context: { itemIndex: 0 } });
		expect(result.error?.message).toBe("TherapyNotes answered 'claims/get' with HTTP 500 (server error).");
		expect(await handlerHits(sandbox, 'claims/get')).toBe(5);
	});

	test('with Continue On Fail: an error item paired with its input; a create is looked up and sent once more, never twice', async () => {
		await setFaults(sandbox, [{ handler: 'claims/create', fault: '5xx' }]);
		const appointment = await billable();
		const result = await run(claim('create', { appointmentId: String(appointment.id) }), true);
		expect(result.status).toBe('success');
		expect(result.items).toEqual([{ json: { error: "TherapyNotes answered 'claims/create' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } }]);
		expect(await handlerHits(sandbox, 'claims/create')).toBe(2);
		expect(await handlerHits(sandbox, 'scheduling/get')).toBe(1);
		expect((await admin(sandbox, 'GET', `records/claims?appointmentId=${appointment.id}`)).count).toBe(0);
	});
});
