import type { IDataObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { admin, withSandbox } from '../../helpers/sandbox';
import { handlerHits, sandboxCredential, seededPatients, setFaults, stats } from './fixtures';

// Patient create / update / create-or-update / get many / insurance / portal status, run by
// n8n-core's WorkflowExecute against the sandbox over real HTTP (search and get: patient.test.ts).

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

const patientParams = (operation: string, parameters: IDataObject): INodeParameters => ({ resource: 'patient', operation, ...parameters }) as INodeParameters;
const locator = (value: number | string) => ({ __rl: true, mode: typeof value === 'number' ? 'id' : 'encryptedId', value: String(value) });
const records = (kind: string, query: string) => admin(sandbox, 'GET', `records/${kind}?${query}`);
const totalRequests = async () => Number((await stats(sandbox)).totalRequests);
const newcomer = { firstName: 'Synthetic', lastName: 'Newcomer', dateOfBirth: '1990-01-02T00:00:00' };
const run = (parameters: INodeParameters, extra: { items?: IDataObject[]; continueOnFail?: boolean } = {}) => n8n.runNode({ parameters, credential, ...extra });

describe('patient: create', () => {
	test('creates with additional fields; the summary has ids and status only', async () => {
		const result = await run(patientParams('create', { ...newcomer, additionalFields: { externalId: 'N8N-1', sessionFeeCents: 12000, city: 'Springfield', sex: 'F' } }));
		expect(result.error).toBeUndefined();
		const json = result.items[0].json;
		expect(Object.keys(json).sort()).toEqual(['assignedClinicianIds', 'encryptedId', 'externalId', 'id', 'portalStatus', 'status']);
		const record = sandbox.state.store.patients.get(json.id as number)!;
		expect(record).toMatchObject({ firstName: 'Synthetic', dob: '1990-01-02', externalId: 'N8N-1', sessionFeeCents: 12000, sex: 'F' });
		expect(record.address.city).toBe('Springfield');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('a date of birth that does not exist fails naming it, and nothing reaches the portal', async () => {
		const result = await run(patientParams('create', { ...newcomer, dateOfBirth: '1990-02-30' }));
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'Nothing was sent to TherapyNotes.' });
		expect(result.error?.message).toBe("Invalid parameter 'patient.dateOfBirth': is not a real date");
		expect(await totalRequests()).toBe(0);
	});

	test('a portal 500 on the create fails at once (a create is never resent); with Continue On Fail it is an error item', async () => {
		await setFaults(sandbox, [{ handler: 'patients/save', fault: '5xx' }]);
		const failed = await run(patientParams('create', newcomer));
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(await handlerHits(sandbox, 'patients/save')).toBe(1);
		const continued = await run(patientParams('create', newcomer), { continueOnFail: true, items: [{}, {}] });
		expect(continued.status).toBe('success');
		expect(continued.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(continued.items[0].json).toEqual({ error: "TherapyNotes answered 'patients/save' with HTTP 500 (server error).", details: null });
		expect(await handlerHits(sandbox, 'patients/save')).toBe(3);
	});
});

describe('patient: create or update (upsert)', () => {
	const upsert = (phone: string) => patientParams('upsert', { externalId: 'N8N-UPS', ...newcomer, additionalFields: { phone } });

	test('three runs with the first create’s answer dropped leave exactly one patient, reported created then updated', async () => {
		await setFaults(sandbox, [{ handler: 'patients/save', fault: 'drop', count: 1 }]);
		const actions: unknown[] = [];
		for (let i = 0; i < 3; i++) {
			const result = await run(upsert(`555-020${i}`));
			expect(result.error).toBeUndefined();
			actions.push(result.items[0].json.action);
		}
		expect(actions).toEqual(['created', 'updated', 'updated']);
		const found = await records('patients', 'externalId=N8N-UPS');
		expect(found.count).toBe(1);
		expect(found.rows[0].phone).toBe('555-0202');
		expect(await handlerHits(sandbox, 'patients/save')).toBe(3);
	});

	test('one item per input item, each upserted by its own external ID (expressions)', async () => {
		const parameters = patientParams('upsert', { externalId: '={{ $json.ext }}', ...newcomer, output: 'all' });
		const result = await run(parameters, { items: [{ ext: 'N8N-A' }, { ext: 'N8N-B' }, { ext: 'N8N-A' }] });
		expect(result.items.map((i) => [i.json.action, i.json.externalId])).toEqual([
			['created', 'N8N-A'],
			['created', 'N8N-B'],
			['updated', 'N8N-A'],
		]);
		expect(result.items[0].json.firstName).toBe('Synthetic');
		expect((await records('patients', 'externalId=N8N-A')).count).toBe(1);
	});
});

describe('patient: update', () => {
	test('changes only the fields added, by EncryptedID', async () => {
		const target = seededPatients(sandbox)[2];
		const before = structuredClone(target);
		const result = await run(patientParams('update', { patientId: locator(target.encryptedId), updateFields: { email: 'changed@example.test', zip: '99999' } }));
		expect(result.error).toBeUndefined();
		const after = sandbox.state.store.patients.get(target.id)!;
		expect(after.email).toBe('changed@example.test');
		expect(after.address).toEqual({ ...before.address, zip: '99999' });
		expect({ ...after, email: before.email, address: before.address, updatedAt: before.updatedAt }).toEqual(before);
		expect(result.items[0].json).toMatchObject({ id: target.id, status: before.status });
	});

	test('no field added: refused before sending', async () => {
		const result = await run(patientParams('update', { patientId: locator(seededPatients(sandbox)[0].id), updateFields: {} }));
		expect(result.error?.message).toBe("Invalid parameter 'changes': has no field to change");
		expect(await totalRequests()).toBe(0);
	});

	test('an unknown patient: the portal’s NotFound', async () => {
		const result = await run(patientParams('update', { patientId: locator(999999), updateFields: { phone: '1' } }));
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'TherapyNotes code: NotFound' });
	});
});

describe('patient: get many', () => {
	test('limit 25 reads two pages; the summary names no one', async () => {
		const result = await run(patientParams('getMany', { returnAll: false, limit: 25, filters: { status: 'any' } }));
		expect(result.items).toHaveLength(25);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['assignedClinicianIds', 'encryptedId', 'id']);
		expect(await handlerHits(sandbox, 'patients/list')).toBe(2);
		expect(result.items.every((i) => i.pairedItem && (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Return All with a clinician filter gives exactly the clinician’s active patients', async () => {
		const clinicianId = seededPatients(sandbox)[0].assignedClinicianIds[0];
		const result = await run(patientParams('getMany', { returnAll: true, filters: { clinicianId, status: 'active' }, output: 'all' }));
		const expected = seededPatients(sandbox).filter((p) => p.status === 'active' && p.assignedClinicianIds.includes(clinicianId));
		expect(result.items.map((i) => i.json.id).sort()).toEqual(expected.map((p) => p.id).sort());
		expect(result.items[0].json).toHaveProperty('lastName');
	});

	test('a portal 500 (after retries) fails the node; with Continue On Fail it is an error item', async () => {
		await setFaults(sandbox, [{ handler: 'patients/list', fault: '5xx' }]);
		const failed = await run(patientParams('getMany', { returnAll: true }));
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		const continued = await run(patientParams('getMany', { returnAll: true }), { continueOnFail: true });
		expect(continued.items).toEqual([{ json: { error: "TherapyNotes answered 'patients/list' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } }]);
	});
});

describe('patient: insurance and portal status', () => {
	const withPolicy = () => seededPatients(sandbox).find((p) => sandbox.state.store.policiesOf(p.id).length === 1)!;

	test('set policy creates the secondary, then updates it; get policies lists both without member IDs', async () => {
		const patient = withPolicy();
		const parameters = (memberId: string, copayCents: number) =>
			patientParams('setPolicy', { patientId: locator(patient.id), priority: 'secondary', payerId: 2, memberId, additionalFields: { copayCents, startDate: '2026-01-01T00:00:00' } });
		const first = await run(parameters('M-1', 2500));
		const second = await run(parameters('M-2', 3000));
		expect(first.items[0].json).toMatchObject({ action: 'created', priority: 'secondary', copayCents: 2500, startDate: '2026-01-01' });
		expect(second.items[0].json).toMatchObject({ action: 'updated', id: first.items[0].json.id, copayCents: 3000 });
		expect((await records('policies', `patientId=${patient.id}&priority=2`)).rows).toMatchObject([{ memberId: 'M-2', copayCents: 3000 }]);
		const listed = await run(patientParams('getPolicies', { patientId: locator(patient.encryptedId) }));
		expect(listed.items.map((i) => i.json.priority)).toEqual(['primary', 'secondary']);
		expect(JSON.stringify(listed.items)).not.toContain('M-2');
	});

	test('an end date before the start date is refused before sending', async () => {
		const result = await run(
			patientParams('setPolicy', { patientId: locator(1), priority: 'primary', payerId: 1, memberId: 'X', additionalFields: { startDate: '2026-05-01', endDate: '2026-04-01' } }),
		);
		expect(result.error?.message).toBe("Invalid parameter 'policy.endDate': cannot be before the start date");
		expect(await totalRequests()).toBe(0);
	});

	test('portal status of a patient', async () => {
		const patient = seededPatients(sandbox)[0];
		const result = await run(patientParams('getPortalStatus', { patientId: locator(patient.id) }));
		expect(result.items[0].json).toEqual({ patientId: patient.id, encryptedId: patient.encryptedId, portalStatus: patient.portalStatus, portalUserId: patient.portalUserId, invitedAt: null });
	});
});
