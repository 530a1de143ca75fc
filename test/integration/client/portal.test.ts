import type { RunningSandbox } from '../../../sandbox/server';
import type { PortalDocument as SandboxDocument } from '../../../sandbox/data/types';
import { createStandaloneClient, InvalidInputError, PortalRefusalError, type TherapyNotesClient } from '../../../lib/client';
import { admin, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';

let sandbox: RunningSandbox;
let client: TherapyNotesClient;

const stats = async () => admin(sandbox, 'GET', 'stats');
const hits = async (handler: string) => Number((await stats()).requests[handler] ?? 0);
const documentsOf = async (patientId: number) => (await admin(sandbox, 'GET', `records/portalDocuments?patientId=${patientId}`)).rows as SandboxDocument[];
const patients = () => [...sandbox.state.store.patients.values()];
const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e);

async function refusedLocally(run: () => Promise<unknown>, field: string): Promise<void> {
	const before = (await stats()).totalRequests;
	const error = await failure(run());
	expect(error).toBeInstanceOf(InvalidInputError);
	expect((error as InvalidInputError).field).toBe(field);
	expect((await stats()).totalRequests).toBe(before);
}

beforeAll(async () => {
	sandbox = await withSandbox();
	client = createStandaloneClient({ credentials: credentialsFor(sandbox, 'plain'), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
});
afterAll(() => sandbox.close());
afterEach(async () => {
	await admin(sandbox, 'POST', 'faults', { rules: [] });
});

describe('invitations', () => {
	test('an invite makes the patient Invited; the record shows it', async () => {
		const patient = patients()[0];
		const status = await client.portal.invite(patient.encryptedId);
		expect(status).toMatchObject({ patientId: patient.id, encryptedId: patient.encryptedId, portalStatus: 'Invited', portalUserId: null, invitedAt: sandbox.state.nowIso() });
		expect((await admin(sandbox, 'GET', `records/patients?id=${patient.id}`)).rows[0].portalStatus).toBe('Invited');
	});

	test('without a date of birth the portal’s reason is surfaced, with what is missing', async () => {
		const created = await admin(sandbox, 'POST', 'act/patient-create', { dob: '' });
		const error = (await failure(client.portal.invite(created.id))) as PortalRefusalError;
		expect(error).toBeInstanceOf(PortalRefusalError);
		expect(error.code).toBe('PortalInviteMissingInfo');
		expect(error.message).toContain('date of birth');
		expect(error.details.Missing).toEqual(['DOB']);
		await refusedLocally(() => client.portal.invite(''), 'patientId');
	});
});

describe('templates and assignments', () => {
	test('templates are listed with kind and first status', async () => {
		const templates = await client.portal.templates();
		expect(templates).toEqual([
			{ id: 1, name: 'Intake Questionnaire', kind: 'form', initialStatus: 'pendingSubmission' },
			{ id: 2, name: 'Missed Appointment Fee Policy', kind: 'consent', initialStatus: 'pendingSignature' },
			{ id: 3, name: 'Notice of Privacy Practices', kind: 'document', initialStatus: 'pendingSignature' },
			{ id: 4, name: 'PHQ-9', kind: 'form', initialStatus: 'pendingSubmission' },
		]);
	});

	test('assigning a template twice gives the open copy back; allowDuplicate assigns again', async () => {
		const patient = patients()[1];
		await client.portal.invite(patient.id);
		const first = await client.portal.assign(patient.id, 2);
		expect(first).toMatchObject({ alreadyAssigned: false, document: { patientId: patient.id, templateId: 2, kind: 'consent', status: 'pendingSignature', completedAt: null } });
		const assigns = await hits('portal/assign');
		const again = await client.portal.assign(patient.encryptedId, 2);
		expect(again).toEqual({ alreadyAssigned: true, document: first.document });
		expect(await hits('portal/assign')).toBe(assigns);
		const duplicate = await client.portal.assign(patient.id, 2, { allowDuplicate: true });
		expect(duplicate.document.id).not.toBe(first.document.id);
		expect((await documentsOf(patient.id)).map((d) => d.templateId)).toEqual([2, 2]);
	});

	test('a lost answer: the new document is found, nothing is assigned twice', async () => {
		const patient = patients()[2];
		await client.portal.invite(patient.id);
		await admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'portal/assign', fault: 'drop', count: 1 }] });
		const result = await client.portal.assign(patient.id, 4);
		expect(result).toMatchObject({ alreadyAssigned: false, document: { templateId: 4, status: 'pendingSubmission' } });
		const stored = await documentsOf(patient.id);
		expect(stored.map((d) => d.id)).toEqual([result.document.id]);
	});

	test('a patient without portal access: the portal’s refusal; bad ids are refused locally', async () => {
		const error = (await failure(client.portal.assign(patients()[5].id, 1))) as PortalRefusalError;
		expect(error.code).toBe('PortalNotInvited');
		await refusedLocally(() => client.portal.assign(patients()[5].id, 0), 'templateId');
		await refusedLocally(() => client.portal.assign(patients()[5].id, 1.5), 'templateId');
	});
});

describe('documents and acknowledgement', () => {
	test('statuses through the client’s submission to the practice’s acknowledgement, filtered by status', async () => {
		const patient = patients()[3];
		await client.portal.invite(patient.id);
		const form = (await client.portal.assign(patient.id, 1)).document;
		const consent = (await client.portal.assign(patient.id, 2)).document;
		await admin(sandbox, 'POST', 'act/portal-submit', { documentId: form.id });
		const all = await client.portal.documents(patient.id);
		expect(all.map((d) => [d.id, d.status])).toEqual([
			[form.id, 'submitted'],
			[consent.id, 'pendingSignature'],
		]);
		expect((await client.portal.documents(patient.id, { status: 'submitted' })).map((d) => d.id)).toEqual([form.id]);
		expect((await client.portal.documents(patient.id, { kind: 'consent' })).map((d) => d.id)).toEqual([consent.id]);

		const acknowledged = await client.portal.acknowledge(form.encryptedId);
		expect(acknowledged).toMatchObject({ alreadyAcknowledged: false, document: { id: form.id, status: 'acknowledged', acknowledgedAt: sandbox.state.nowIso() } });
		expect(await client.portal.acknowledge(form.id)).toEqual({ alreadyAcknowledged: true, document: null });
		expect((await documentsOf(patient.id)).find((d) => d.id === form.id)?.status).toBe('Acknowledged by Practice');

		const pending = (await failure(client.portal.acknowledge(consent.id))) as PortalRefusalError;
		expect(pending.code).toBe('NotCompletedByClient');
		await refusedLocally(() => client.portal.documents(patient.id, { status: 'done' as never }), 'status');
		await refusedLocally(() => client.portal.acknowledge('x'), 'documentId');
	});
});
