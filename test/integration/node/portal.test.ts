import type { IDataObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import type { PortalDocument as SandboxDocument } from '../../../sandbox/data/types';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { admin, withSandbox } from '../../helpers/sandbox';
import { byPairedItem, handlerHits, sandboxCredential, seededPatients, setFaults, stats } from './fixtures';

// The Portal resource (TherapyPortal from the practice's side) run by n8n-core's WorkflowExecute.

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

const portal = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'portal', operation, ...parameters });
const patient = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });
const documentsOf = async (patientId: number) => (await admin(sandbox, 'GET', `records/portalDocuments?patientId=${patientId}`)).rows as SandboxDocument[];
const errorOf = (result: unknown) => (result as { error?: IDataObject }).error;

async function invited(index: number): Promise<number> {
	const id = seededPatients(sandbox)[index].id;
	const result = await n8n.runNode({ parameters: portal('sendInvite', { patientId: patient(id) }), credential });
	expect(result.items[0].json).toMatchObject({ patientId: id, portalStatus: 'Invited' });
	return id;
}

describe('portal: invitations and templates', () => {
	test('an invite; without a date of birth the portal’s reason, and with Continue On Fail an error item', async () => {
		const ok = await invited(0);
		expect((await admin(sandbox, 'GET', `records/patients?id=${ok}`)).rows[0].portalStatus).toBe('Invited');
		const noDob = await admin(sandbox, 'POST', 'act/patient-create', { dob: '' });
		const result = await n8n.runNode({ parameters: portal('sendInvite', { patientId: '={{ $json.patient }}' }), credential, items: [{ patient: patient(noDob.id) }], continueOnFail: true });
		expect(result.items).toEqual([
			{
				json: { error: "TherapyNotes refused 'portal/invite': The patient needs a date of birth before a TherapyPortal invitation can be sent.", details: 'TherapyNotes code: PortalInviteMissingInfo' },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('templates: one item each', async () => {
		const result = await n8n.runNode({ parameters: portal('getTemplates'), credential });
		expect(result.items.map((i) => [i.json.id, i.json.kind, i.json.initialStatus])).toEqual([
			[1, 'form', 'pendingSubmission'],
			[2, 'consent', 'pendingSignature'],
			[3, 'document', 'pendingSignature'],
			[4, 'form', 'pendingSubmission'],
		]);
	});
});

describe('portal: documents', () => {
	test('assign twice (the open copy comes back), submit, filter by status, acknowledge twice', async () => {
		const id = await invited(1);
		const assign = await n8n.runNode({ parameters: portal('assignTemplate', { patientId: patient(id), templateId: 1 }), credential, items: [{}, {}] });
		expect(assign.items.map((i) => i.json.alreadyAssigned)).toEqual([false, true]);
		expect(assign.items[1].json.id).toBe(assign.items[0].json.id);
		expect(await documentsOf(id)).toHaveLength(1);
		const docId = assign.items[0].json.id as number;
		await admin(sandbox, 'POST', 'act/portal-submit', { documentId: docId });
		await n8n.runNode({ parameters: portal('assignTemplate', { patientId: patient(id), templateId: 2 }), credential });
		const submitted = await n8n.runNode({ parameters: portal('getDocuments', { patientId: patient(id), filters: { status: 'submitted' } }), credential });
		expect(submitted.items.map((i) => [i.json.id, i.json.status])).toEqual([[docId, 'submitted']]);
		const acknowledged = await n8n.runNode({ parameters: portal('acknowledgeDocument', { documentId: String(docId) }), credential, items: [{}, {}] });
		const groups = byPairedItem(acknowledged.items);
		expect(groups.get(0)?.[0]).toMatchObject({ id: docId, status: 'acknowledged', alreadyAcknowledged: false });
		expect(groups.get(1)?.[0]).toEqual({ documentId: String(docId), status: 'acknowledged', alreadyAcknowledged: true });
		expect((await documentsOf(id)).find((d) => d.id === docId)?.status).toBe('Acknowledged by Practice');
	});

	test('a bad document ID fails with nothing sent; a portal 500 on assign is not resent', async () => {
		const before = (await stats(sandbox)).totalRequests;
		const bad = await n8n.runNode({ parameters: portal('acknowledgeDocument', { documentId: 'x y' }), credential });
		expect(errorOf(bad)).toMatchObject({ message: "Invalid parameter 'documentId': must be a numeric document ID or an EncryptedID", description: 'Nothing was sent to TherapyNotes.' });
		expect((await stats(sandbox)).totalRequests).toBe(before);
		const id = await invited(2);
		await setFaults(sandbox, [{ handler: 'portal/assign', fault: '5xx' }]);
		const failed = await n8n.runNode({ parameters: portal('assignTemplate', { patientId: patient(id), templateId: 4 }), credential });
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', message: "TherapyNotes answered 'portal/assign' with HTTP 500 (server error)." });
		const continued = await n8n.runNode({ parameters: portal('assignTemplate', { patientId: patient(id), templateId: 4 }), credential, continueOnFail: true });
		expect(continued.items[0].json.error).toBe("TherapyNotes answered 'portal/assign' with HTTP 500 (server error).");
		expect(await handlerHits(sandbox, 'portal/assign')).toBe(2);
		expect(await documentsOf(id)).toEqual([]);
	});
});
