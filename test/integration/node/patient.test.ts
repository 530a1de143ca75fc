import type { INodeCredentialsDetails } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { withSandbox } from '../../helpers/sandbox';
import { byPairedItem, getParameters, handlerHits, patientsWithUniqueLastName, sandboxCredential, searchParameters, seededPatients, setFaults, stats } from './fixtures';

// The TherapyNotes node run by n8n-core's WorkflowExecute (see test/helpers/n8n), against the
// sandbox over real HTTP: parameters, items, pairing, Continue On Fail and errors as n8n sees them.

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

const SUMMARY_KEYS = ['assignedClinicianIds', 'encryptedId', 'externalId', 'id', 'portalStatus', 'status'];

describe('patient: search', () => {
	test('finds a seeded patient by last name, the result paired with its input item', async () => {
		const [patient] = patientsWithUniqueLastName(sandbox);
		const result = await n8n.runNode({ parameters: searchParameters(patient.lastName), credential });
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.nodeExecutionOrder).toEqual(['Start', 'TherapyNotes']);
		expect(result.items).toEqual([
			{
				json: { id: patient.id, encryptedId: patient.encryptedId, firstName: patient.firstName, middleName: patient.middleName, lastName: patient.lastName, dateOfBirth: patient.dob, assignedClinicianIds: patient.assignedClinicianIds },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('three input items: one search per item (the query an expression), each result paired with its item', async () => {
		const patients = patientsWithUniqueLastName(sandbox).slice(0, 3);
		expect(patients).toHaveLength(3);
		const result = await n8n.runNode({
			parameters: searchParameters('={{ $json.lastName }}'),
			credential,
			items: patients.map((p) => ({ lastName: p.lastName })),
		});
		expect(result.error).toBeUndefined();
		const groups = byPairedItem(result.items);
		expect([...groups.keys()].sort()).toEqual([0, 1, 2]);
		patients.forEach((patient, index) => expect(groups.get(index)?.map((row) => row.id)).toEqual([patient.id]));
		expect(await handlerHits(sandbox, 'patients/search')).toBe(3);
		expect((await stats(sandbox)).logins).toBe(1);
	});
});

describe('patient: get', () => {
	test('by numeric ID and by EncryptedID (resource locator modes "id" and "encryptedId") give the same patient', async () => {
		const patient = seededPatients(sandbox)[3];
		const byId = await n8n.runNode({ parameters: getParameters('id', String(patient.id)), credential });
		const byEncryptedId = await n8n.runNode({ parameters: getParameters('encryptedId', patient.encryptedId), credential });
		expect(byId.error).toBeUndefined();
		expect(byId.items).toHaveLength(1);
		expect(byId.items[0].json).toMatchObject({ id: patient.id, encryptedId: patient.encryptedId, status: patient.status });
		expect(byId.items[0].pairedItem).toEqual({ item: 0 });
		expect(byEncryptedId.items.map((i) => i.json)).toEqual(byId.items.map((i) => i.json));
		expect(await handlerHits(sandbox, 'patients/get')).toBe(2);
	});

	test('Output "Summary" has no name, DOB or email; "All Fields" has them', async () => {
		const patient = seededPatients(sandbox)[5];
		const summary = await n8n.runNode({ parameters: getParameters('id', String(patient.id), 'summary'), credential });
		const all = await n8n.runNode({ parameters: getParameters('id', String(patient.id), 'all'), credential });
		expect(Object.keys(summary.items[0].json).sort()).toEqual(SUMMARY_KEYS);
		const summaryText = JSON.stringify(summary.items);
		for (const phi of [patient.firstName, patient.lastName, patient.dob, patient.email]) expect(summaryText).not.toContain(phi);
		expect(all.items[0].json).toMatchObject({ id: patient.id, firstName: patient.firstName, lastName: patient.lastName, dateOfBirth: patient.dob, email: patient.email });
	});
});

describe('patient: errors as n8n reports them', () => {
	test('an unknown patient fails the node with the portal’s reason', async () => {
		const result = await n8n.runNode({ parameters: getParameters('id', '999999'), credential });
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'TherapyNotes code: NotFound', context: { itemIndex: 0 } });
		expect(result.error?.message).toBe("TherapyNotes refused 'patients/get': The patient could not be found.");
	});

	test('with Continue On Fail the unknown patient becomes an error item and the other items are still processed', async () => {
		const [first, , third] = seededPatients(sandbox);
		const result = await n8n.runNode({
			parameters: getParameters('id', '={{ $json.patient }}'),
			credential,
			items: [{ patient: first.id }, { patient: 999999 }, { patient: third.id }],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json.id).toBe(first.id);
		expect(result.items[1].json).toEqual({ error: "TherapyNotes refused 'patients/get': The patient could not be found.", details: 'TherapyNotes code: NotFound' });
		expect(result.items[2].json.id).toBe(third.id);
	});

	test('a one-character search query fails naming the parameter, and nothing reaches the portal', async () => {
		await n8n.runNode({ parameters: searchParameters('zz'), credential }); // logged in, so a login cannot hide in the count
		const before = (await stats(sandbox)).totalRequests;
		const result = await n8n.runNode({ parameters: searchParameters('a'), credential });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'Nothing was sent to TherapyNotes.', context: { itemIndex: 0 } });
		expect(result.error?.message).toBe("Invalid parameter 'query': needs at least 2 characters");
		expect((await stats(sandbox)).totalRequests).toBe(before);
	});

	test('an EncryptedID with bad characters typed in the field: n8n’s parameter check stops the workflow before any request', async () => {
		const result = await n8n.runNode({ parameters: getParameters('encryptedId', 'abc!def$ghi%jkl^mno'), credential });
		expect(result.error?.name).toBe('WorkflowHasIssuesError');
		expect(result.error?.message).toContain('Not an EncryptedID');
		expect(result.nodeExecutionOrder).toEqual([]);
		expect((await stats(sandbox)).totalRequests).toBe(0);
	});

	test('an EncryptedID with bad characters from an expression fails naming the parameter, and nothing reaches the portal', async () => {
		await n8n.runNode({ parameters: searchParameters('zz'), credential });
		const before = (await stats(sandbox)).totalRequests;
		const result = await n8n.runNode({ parameters: getParameters('encryptedId', '={{ $json.ref }}'), credential, items: [{ ref: 'abc!def$ghi%jkl^mno' }] });
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'Nothing was sent to TherapyNotes.' });
		expect(result.error?.message).toBe("Invalid parameter 'patientId': must be a numeric patient ID or an EncryptedID");
		expect((await stats(sandbox)).totalRequests).toBe(before);
	});

	test('a portal 500 on patients/get fails with the HTTP status after the read was retried (1 + 4 attempts)', async () => {
		await setFaults(sandbox, [{ handler: 'patients/get', fault: '5xx' }]);
		const result = await n8n.runNode({ parameters: getParameters('id', String(seededPatients(sandbox)[0].id)), credential });
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', context: { itemIndex: 0 } });
		expect(result.error?.message).toBe("TherapyNotes answered 'patients/get' with HTTP 500 (server error).");
		expect(await handlerHits(sandbox, 'patients/get')).toBe(5);
	});

	test('a portal 500 with Continue On Fail becomes an error item paired with its input', async () => {
		await setFaults(sandbox, [{ handler: 'patients/get', fault: '5xx' }]);
		const result = await n8n.runNode({ parameters: getParameters('id', String(seededPatients(sandbox)[0].id)), credential, continueOnFail: true });
		expect(result.status).toBe('success');
		expect(result.items).toEqual([{ json: { error: "TherapyNotes answered 'patients/get' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } }]);
		expect(await handlerHits(sandbox, 'patients/get')).toBe(5);
	});

	test('drift on patients/search: the error names the handler and the field, and no items come out', async () => {
		await setFaults(sandbox, [{ handler: 'patients/search', fault: 'drift' }]);
		const [patient] = patientsWithUniqueLastName(sandbox);
		const result = await n8n.runNode({ parameters: searchParameters(patient.lastName), credential });
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'Handler patients/search, field Matches' });
		expect(result.error?.message).toContain("'patients/search'");
		expect(result.error?.message).toContain("field 'Matches'");
		// What we wrote names no patient (n8n itself stores the node, with the typed query, beside it).
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain(patient.lastName);
	});
});
