import type { RunningSandbox } from '../../../sandbox/server';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import type { RawPortalClient } from '../../helpers/portalClient';

const STATUS = ['/app/patients/portal/loadportalstatus.aspx', 2] as const;
const INVITE = ['/app/patients/portal/sendinvitation.aspx', 3] as const;
const TEMPLATES = ['/app/patients/portal/loadtemplates.aspx', 4] as const;
const ASSIGN = ['/app/patients/portal/assigndocument.aspx', 5] as const;
const DOCUMENTS = ['/app/patients/portal/loaddocuments.aspx', 6] as const;
const ACKNOWLEDGE = ['/app/patients/portal/acknowledgedocument.aspx', 7] as const;

let sandbox: RunningSandbox;
let client: RawPortalClient;
beforeEach(async () => {
	sandbox = await withSandbox();
	client = await loggedInClient(sandbox, 'plain');
});
afterEach(() => sandbox.close());

async function newPatient(fields: Record<string, unknown>): Promise<number> {
	const answer = await client.call('/app/patients/savepatient.aspx', 8, { patient: JSON.stringify({ ID: -1, FirstName: 'Portal', LastName: 'Client', DOB: '03/04/1990', ...fields }) });
	expect(answer.Success).toBe(true);
	return answer.ID as number;
}

interface DocumentRow {
	ID: number;
	Name: string;
	Kind: string;
	Status: string;
}

/** A handler's answer read as the shape a test expects (the sandbox is what is under test). */
async function ask<T>(target: readonly [string, number], fields: Record<string, string> = {}): Promise<T> {
	return (await client.call(target[0], target[1], fields)) as unknown as T;
}

const documentsOf = async (fields: Record<string, string>) => (await ask<{ Documents: DocumentRow[] }>(DOCUMENTS, fields)).Documents;
const feePolicyAcknowledged = async (id: number) =>
	(await ask<{ Patient: { FeePolicyAcknowledged: boolean } }>(['/app/patients/loadpatient.aspx', 2], { patientid: String(id) })).Patient.FeePolicyAcknowledged;

const auditCount = async () => (await admin(sandbox, 'GET', 'audit')).entries.length;

describe('TherapyPortal invitations', () => {
	test('an invite is refused without an email, naming it, and changes nothing', async () => {
		const id = await newPatient({});
		const before = await auditCount();
		const refused = await client.call(...INVITE, { patientid: String(id) });
		expect(refused).toMatchObject({ Success: false, ErrorCode: 'PortalInviteMissingInfo', Missing: ['Email'] });
		expect(String(refused.ErrorMessage)).toMatch(/email address/);
		expect(await client.call(...STATUS, { patientid: String(id) })).toMatchObject({ PortalStatus: 'NotInvited', InvitedDate: null });
		expect(await auditCount()).toBe(before);
	});

	test('a record without DOB and email is refused naming both', async () => {
		const id = await newPatient({});
		// A legacy record imported without a date of birth (the save handler cannot create one).
		sandbox.state.store.patients.get(id)!.dob = '';
		const refused = await client.call(...INVITE, { patientid: String(id) });
		expect(refused).toMatchObject({ Success: false, Missing: ['DOB', 'Email'] });
		expect(String(refused.ErrorMessage)).toMatch(/date of birth and an email address/);
	});

	test('with DOB and email the invite is sent; a re-invite moves the date; an active account cannot be re-invited', async () => {
		const id = await newPatient({ Email: 'portal.client@example.test' });
		const sent = await client.call(...INVITE, { patientid: String(id) });
		expect(sent).toMatchObject({ Success: true, PatientID: id, PortalStatus: 'Invited', InvitedDate: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{1,2}:\d{2}[AP]M$/) });
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 10 });
		const again = await client.call(...INVITE, { patientid: String(id) });
		expect(again).toMatchObject({ Success: true, PortalStatus: 'Invited' });
		expect(again.InvitedDate).not.toBe(sent.InvitedDate);
		expect((await admin(sandbox, 'GET', 'audit')).entries.filter((e: { action: string; id: number }) => e.action === 'portal-invite' && e.id === id)).toHaveLength(2);

		expect(await admin(sandbox, 'POST', 'act/portal-accept-invite', { patientId: id })).toMatchObject({ portalStatus: 'Active', portalUserId: expect.any(Number) });
		expect(await client.call(...STATUS, { patientid: String(id) })).toMatchObject({ PortalStatus: 'Active', PortalUserId: expect.any(Number) });
		expect(await client.call(...INVITE, { patientid: String(id) })).toMatchObject({ Success: false, ErrorCode: 'PortalAlreadyActive' });
	});
});

describe('shared forms and documents', () => {
	test('templates list the practice library with the status an assignment starts in', async () => {
		const answer = await ask<{ Templates: { ID: number }[] }>(TEMPLATES);
		expect(answer.Templates.map((t) => t.ID)).toEqual(sandbox.state.store.portalTemplates.map((t) => t.id));
		expect(answer.Templates).toContainEqual({ ID: 1, Name: 'Intake Questionnaire', Kind: 'Form', InitialStatus: 'Pending Submission' });
		expect(answer.Templates).toContainEqual(expect.objectContaining({ Kind: 'Consent', InitialStatus: 'Pending Signature' }));
	});

	test('assigning needs an invited patient and a known template', async () => {
		const id = await newPatient({ Email: 'a@example.test' });
		expect(await client.call(...ASSIGN, { patientid: String(id), templateid: '1' })).toMatchObject({ Success: false, ErrorCode: 'PortalNotInvited' });
		await client.call(...INVITE, { patientid: String(id) });
		const unknown = await client.call(...ASSIGN, { patientid: String(id), templateid: '99' });
		expect(String(unknown.ErrorMessage)).toMatch(/'templateid'/);
		expect(sandbox.state.store.portalDocuments.size).toBe(0);
	});

	test('assign → client submits or signs → practice acknowledges, with each status on the wire', async () => {
		const id = await newPatient({ Email: 'b@example.test' });
		const encryptedId = sandbox.state.store.patients.get(id)!.encryptedId;
		await client.call(...INVITE, { patientid: encryptedId });
		const form = await client.call(...ASSIGN, { patientid: encryptedId, templateid: '1' });
		const consent = await client.call(...ASSIGN, { patientid: String(id), templateid: '2' });
		const library = await client.call(...ASSIGN, { patientid: String(id), templateid: '3' });
		expect(form).toMatchObject({ Success: true, Status: 'Pending Submission', EncryptedID: expect.stringMatching(/^[A-Za-z0-9_-]{16,22}$/) });
		expect(consent).toMatchObject({ Success: true, Status: 'Pending Signature' });
		expect(library).toMatchObject({ Success: true, Status: 'Pending Signature' });

		const early = await client.call(...ACKNOWLEDGE, { documentid: String(form.ID) });
		expect(early).toMatchObject({ Success: false, ErrorCode: 'NotCompletedByClient' });

		expect(await admin(sandbox, 'POST', 'act/portal-submit', { documentId: form.ID })).toMatchObject({ status: 'Submitted' });
		expect(await admin(sandbox, 'POST', 'act/portal-submit', { documentId: consent.ID })).toMatchObject({ status: 'Signed' });
		expect((await admin(sandbox, 'POST', 'act/portal-submit', { documentId: form.ID })).error).toMatch(/already Submitted/);
		// Submitting needs a TherapyPortal login, so the invited client is now active.
		expect(await client.call(...STATUS, { patientid: String(id) })).toMatchObject({ PortalStatus: 'Active' });

		const acknowledged = await ask<{ Document: DocumentRow }>(ACKNOWLEDGE, { documentid: String(form.EncryptedID) });
		expect(acknowledged.Document).toMatchObject({ ID: form.ID, Status: 'Acknowledged by Practice', Kind: 'Form', AcknowledgedDate: expect.any(String), CompletedDate: expect.any(String) });
		expect(await client.call(...ACKNOWLEDGE, { documentid: String(form.ID) })).toMatchObject({ Success: false, ErrorCode: 'AlreadyAcknowledged' });

		const all = await documentsOf({ patientid: String(id) });
		expect(all.map((d) => [d.ID, d.Status])).toEqual([
			[form.ID, 'Acknowledged by Practice'],
			[consent.ID, 'Signed'],
			[library.ID, 'Pending Signature'],
		]);
		const consents = await documentsOf({ patientid: String(id), kind: 'consent' });
		expect(consents).toEqual([expect.objectContaining({ ID: consent.ID, Name: 'Missed Appointment Fee Policy', Status: 'Signed' })]);
		const pending = await documentsOf({ patientid: String(id), status: 'Pending Signature' });
		expect(pending.map((d) => d.ID)).toEqual([library.ID]);
		expect(String((await client.call(...DOCUMENTS, { patientid: String(id), status: 'Done' })).ErrorMessage)).toMatch(/'status'/);
	});

	test('fee-policy-ack marks the patient as having acknowledged the missed-appointment fee policy', async () => {
		const id = await newPatient({});
		expect(await feePolicyAcknowledged(id)).toBe(false);
		expect(await admin(sandbox, 'POST', 'act/fee-policy-ack', { patientId: id })).toEqual({ id, feePolicyAcknowledged: true });
		expect(await feePolicyAcknowledged(id)).toBe(true);
		expect((await admin(sandbox, 'GET', 'audit')).entries).toContainEqual(expect.objectContaining({ action: 'update', kind: 'patient', id, by: 'admin' }));
	});
});
