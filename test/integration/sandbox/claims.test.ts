import type { RunningSandbox } from '../../../sandbox/server';
import type { RawPortalClient } from '../../helpers/portalClient';
import type { Appointment, Claim } from '../../../sandbox/data/types';
import type { AuditEntry } from '../../../sandbox/data/store';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import { completedSession as makeSession, type SessionOptions } from '../../helpers/sessions';

/**
 * Claims over real HTTP. Completed sessions to bill are made through the admin API (how many
 * the seed leaves unbilled depends on the day); claims in later states are read from the seeded
 * store. Every assertion goes through the portal's handlers or the admin API.
 */
const CREATE = '/app/billing/claims/createclaim.aspx';
const GET = '/app/billing/claims/loadclaim.aspx';
const SUBMIT = '/app/billing/claims/submitclaims.aspx';
const SEARCH = '/app/billing/claims/searchclaims.aspx';
const RESUBMIT = '/app/billing/claims/resubmitclaim.aspx';

let sandbox: RunningSandbox;
let client: RawPortalClient;
beforeEach(async () => {
	sandbox = await withSandbox();
	client = await loggedInClient(sandbox, 'plain');
});
afterEach(() => sandbox.close());

const store = () => sandbox.state.store;
const notesOf = (a: Appointment) => [...store().notes.values()].filter((n) => n.appointmentId === a.id && n.noteType !== 8);

const completedSession = (options?: SessionOptions) => makeSession(sandbox, options);

async function createClaim(appointment: Appointment): Promise<{ ID: number; EncryptedID: string }> {
	const answer = await client.call(CREATE, 2, { calendarentryid: appointment.encryptedId });
	expect(answer).toMatchObject({ Success: true, Status: 'Created' });
	return answer as unknown as { ID: number; EncryptedID: string };
}

async function getClaim(ref: number | string): Promise<ClaimDetail> {
	const answer = await client.call(GET, 3, { claimid: String(ref) });
	expect(answer.Success).toBe(true);
	return answer.Claim as ClaimDetail;
}

/** The fields of a claim row these tests read. */
interface ClaimRow {
	ID: number;
	Status: string;
	PatientID: number;
	DateOfService: string;
	RejectionCodes: string[];
}
interface ClaimDetail extends ClaimRow {
	Frequency: string;
	PaidAmount: number;
	PlaceOfService: string;
	SubmittedDate: string | null;
	ServiceLines: { Modifiers: string[]; ServiceDate: string }[];
}
const claimRows = (answer: Record<string, unknown>) => answer.Claims as ClaimRow[];

const adjudicate = (body: Record<string, unknown>) => admin(sandbox, 'POST', 'act/claims-adjudicate', body);
const seededClaim = (status: Claim['status']) => [...store().claims.values()].find((c) => c.status === status)!;

describe('creating a claim', () => {
	test('from a completed appointment with a signed note, with everything an 837P needs', async () => {
		const telehealth = await completedSession({ telehealth: true });
		const created = await createClaim(telehealth);
		const claim = await getClaim(created.EncryptedID);
		const note = notesOf(telehealth).find((n) => n.status === 'signed')!;
		const policy = store().policiesOf(telehealth.patientIds[0])[0];
		const patient = store().patients.get(telehealth.patientIds[0])!;
		const fee = store().serviceCodes.find((s) => s.code === note.serviceCode)!.feeCents;
		expect(claim).toMatchObject({
			ID: created.ID,
			Status: 'Created',
			Frequency: '1',
			PayerClaimNumber: null,
			PatientControlNumber: String(created.ID),
			AppointmentID: telehealth.id,
			NoteID: note.id,
			BillingProvider: { NPI: store().practice.npi, TaxID: store().practice.taxId, Address: { Zip: store().practice.address.zip } },
			RenderingProvider: { NPI: store().user(telehealth.clinicianId)!.npi },
			Payer: { ID: policy.payerId, ElectronicPayerID: store().payer(policy.payerId)!.electronicPayerId },
			Subscriber: { MemberID: policy.memberId, LastName: patient.lastName },
			Patient: { ID: patient.id, DOB: `${patient.dob.slice(5, 7)}/${patient.dob.slice(8, 10)}/${patient.dob.slice(0, 4)}` },
			PlaceOfService: store().locations.find((l) => l.id === telehealth.locationId)!.placeOfService,
			Diagnoses: note.diagnoses,
			ChargeAmount: fee / 100,
		});
		expect(claim.ServiceLines).toEqual([
			expect.objectContaining({ ServiceCode: note.serviceCode, Modifiers: telehealth.telehealth ? ['95'] : [], Units: 1, ChargeAmount: fee / 100, DiagnosisPointers: [1] }),
		]);
		expect(claim.ServiceLines[0].ServiceDate).toBe(`${telehealth.start.slice(5, 7)}/${telehealth.start.slice(8, 10)}/${telehealth.start.slice(0, 4)}`);
		const audit = await admin(sandbox, 'GET', 'audit');
		expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'create', kind: 'claim', id: created.ID, by: 'portal' }));
	});

	test('an office visit has no telehealth modifier and bills place of service 11', async () => {
		const office = await completedSession({ telehealth: false });
		const claim = await getClaim((await createClaim(office)).ID);
		expect(claim.PlaceOfService).toBe('11');
		expect(claim.ServiceLines[0].Modifiers).toEqual([]);
	});

	test('a second create for the appointment answers DuplicateClaim with the existing ids, by either id kind', async () => {
		const appointment = await completedSession();
		const created = await createClaim(appointment);
		for (const ref of [String(appointment.id), appointment.encryptedId]) {
			expect(await client.call(CREATE, 2, { calendarentryid: ref })).toMatchObject({
				Success: false, ErrorCode: 'DuplicateClaim', ExistingID: created.ID, ExistingEncryptedID: created.EncryptedID,
			});
		}
		expect((await admin(sandbox, 'GET', `records/claims?appointmentId=${appointment.id}`)).count).toBe(1);
		const seeded = seededClaim('Paid');
		expect(await client.call(CREATE, 2, { calendarentryid: String(seeded.appointmentId) })).toMatchObject({ ErrorCode: 'DuplicateClaim', ExistingID: seeded.id });
	});

	test('refuses, naming why: not completed, note not signed, self-pay; nothing is stored', async () => {
		const before = (await admin(sandbox, 'GET', 'stats')).records.claims;
		const scheduled = [...store().appointments.values()].find((a) => a.status === 0 && a.patientIds.length === 1)!;
		const unsigned = await completedSession({ signed: false });
		const selfPay = await completedSession({ insured: false });
		expect(await client.call(CREATE, 2, { calendarentryid: String(scheduled.id) })).toMatchObject({ Success: false, ErrorCode: 'AppointmentNotCompleted', ErrorMessage: expect.stringContaining('Scheduled') });
		expect(await client.call(CREATE, 2, { calendarentryid: String(unsigned.id) })).toMatchObject({ Success: false, ErrorCode: 'NoteNotSigned', ErrorMessage: expect.stringContaining('not signed') });
		expect(await client.call(CREATE, 2, { calendarentryid: String(selfPay.id) })).toMatchObject({ Success: false, ErrorCode: 'SelfPay' });
		expect(await client.call(CREATE, 2, { calendarentryid: 'no-such-appointment' })).toMatchObject({ Success: false, ErrorCode: 'NotFound' });
		expect((await admin(sandbox, 'GET', 'stats')).records.claims).toBe(before);
	});
});

describe('the claim status machine', () => {
	test('submit, accept, reject with codes (shown as PendingResubmit), then resubmit as a replacement (7)', async () => {
		const appointment = await completedSession();
		const { ID, EncryptedID } = await createClaim(appointment);
		const submitted = await client.call(SUBMIT, 4, { claimids: JSON.stringify([EncryptedID]) });
		expect(submitted).toMatchObject({ Success: true, Claims: [{ ID, Status: 'Submitted' }] });
		expect((await getClaim(ID)).SubmittedDate).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{1,2}:\d{2}[AP]M$/);

		expect(await adjudicate({ claimIds: [ID], outcome: 'accept' })).toMatchObject({ claims: [{ id: ID, status: 'Accepted', payerClaimNumber: `PCN${ID}` }] });
		await adjudicate({ claimIds: [ID], outcome: 'reject', rejectionCodes: ['A7:562', 'A3:116'] });
		expect(await getClaim(ID)).toMatchObject({ Status: 'PendingResubmit', RejectionCodes: ['A7:562', 'A3:116'] });
		const queue = await client.call(SEARCH, 5, { status: 'PendingResubmit', patientid: String(appointment.patientIds[0]) });
		expect(queue.Claims).toContainEqual(expect.objectContaining({ ID, Status: 'PendingResubmit', RejectionCodes: ['A7:562', 'A3:116'] }));

		const resubmitted = await client.call(RESUBMIT, 6, { claimid: EncryptedID, frequency: '7', correction: JSON.stringify({ Units: 1, ChargeAmount: '140.00' }) });
		expect(resubmitted).toMatchObject({ Success: true, ID, Status: 'Submitted', Frequency: '7', PayerClaimNumber: `PCN${ID}` });
		expect(await getClaim(ID)).toMatchObject({ Status: 'Submitted', Frequency: '7', RejectionCodes: [], ChargeAmount: 140 });
		const audit = ((await admin(sandbox, 'GET', 'audit')).entries as AuditEntry[]).filter((e) => e.kind === 'claim' && e.id === ID);
		expect(audit.map((e) => `${e.action}/${e.by}`)).toEqual(['create/portal', 'status/portal', 'status/admin', 'status/admin', 'status/portal']);
	});

	test('a replacement or void needs the payer claim number; a rejected claim can go again as an original', async () => {
		const [first, second] = [await completedSession(), await completedSession()];
		const a = await createClaim(first);
		const b = await createClaim(second);
		await client.call(SUBMIT, 4, { claimids: JSON.stringify([a.ID, b.EncryptedID]) });
		await adjudicate({ claimIds: [a.ID, b.ID], outcome: 'reject' });
		expect(await client.call(RESUBMIT, 6, { claimid: String(a.ID), frequency: '7' })).toMatchObject({ Success: false, ErrorCode: 'PayerClaimNumberRequired' });
		expect(await getClaim(a.ID)).toMatchObject({ Status: 'PendingResubmit', RejectionCodes: ['A7:21'] });
		expect(await client.call(RESUBMIT, 6, { claimid: String(a.ID), frequency: '7', payerclaimnumber: 'EOB-7781' })).toMatchObject({ Success: true, Frequency: '7', PayerClaimNumber: 'EOB-7781' });
		expect(await client.call(SUBMIT, 4, { claimids: JSON.stringify([b.ID]) })).toMatchObject({ Success: true, Claims: [{ ID: b.ID, Status: 'Submitted' }] });
		expect((await getClaim(b.ID)).Frequency).toBe('1');
		expect(await client.call(RESUBMIT, 6, { claimid: String(a.ID), frequency: '2' })).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining('1 (original), 7 (replacement) or 8 (void)') });
	});

	test('invalid transitions are refused with a clear message and change nothing', async () => {
		const appointment = await completedSession();
		const created = await createClaim(appointment);
		const paid = seededClaim('Paid');
		expect(await client.call(RESUBMIT, 6, { claimid: String(created.ID), frequency: '1' })).toMatchObject({
			Success: false, ErrorCode: 'InvalidTransition', ErrorMessage: expect.stringMatching(/is Created; .*Submit it first/),
		});
		const batch = await client.call(SUBMIT, 4, { claimids: JSON.stringify([created.ID, paid.encryptedId]) });
		expect(batch).toMatchObject({ Success: false, ErrorCode: 'InvalidTransition', Claims: [{ ID: paid.id, Status: 'Paid', Reason: expect.stringContaining('replacement (7)') }] });
		expect((await getClaim(created.ID)).Status).toBe('Created');
		expect(await client.call(RESUBMIT, 6, { claimid: String(paid.id), frequency: '1' })).toMatchObject({ Success: false, ErrorCode: 'InvalidFrequency' });
		expect((await getClaim(paid.id)).Status).toBe('Paid');
		expect(await client.call(RESUBMIT, 6, { claimid: String(paid.id), frequency: '8' })).toMatchObject({ Success: true, Status: 'Submitted', Frequency: '8', PayerClaimNumber: paid.payerClaimNumber });

		expect((await adjudicate({ claimIds: [created.ID], outcome: 'pay' })).error).toMatch(/is Created; it can be paid only when Accepted/);
		expect((await adjudicate({ claimIds: [created.ID], outcome: 'accept' })).error).toMatch(/is Created; it can be accepted only when Submitted/);
		expect((await adjudicate({ outcome: 'bless' })).error).toMatch(/outcome must be/);
		expect(await client.call(SUBMIT, 4, { claimids: JSON.stringify([999999]) })).toMatchObject({ Success: false, ErrorCode: 'NotFound', ErrorMessage: expect.stringContaining('claimids[0]') });
	});

	test('the payer pays or denies accepted claims, each with an ERA', async () => {
		const accepted = [...store().claims.values()].filter((c) => c.status === 'Accepted').slice(0, 2);
		const answer = await adjudicate({ claimIds: [accepted[0].id], outcome: 'pay' });
		expect(answer.claims).toEqual([{ id: accepted[0].id, status: 'Paid' }]);
		expect(answer.eras).toHaveLength(1);
		const paid = await getClaim(accepted[0].id);
		expect(paid).toMatchObject({ Status: 'Paid', ERAID: answer.eras[0].id });
		expect(Math.round(paid.PaidAmount * 100)).toBe(answer.eras[0].amountCents);
		const denied = await adjudicate({ claimIds: [accepted[1].id], outcome: 'deny' });
		expect(await getClaim(accepted[1].id)).toMatchObject({ Status: 'Denied', PaidAmount: 0, ERAID: denied.eras[0].id });
	});
});

describe('searching claims', () => {
	test('by status, 20 a page, pages that do not overlap and a PageCount that matches', async () => {
		const expected = [...store().claims.values()].filter((c) => c.status === 'Paid').length;
		const first = await client.call(SEARCH, 5, { status: 'paid', page: '1' });
		const second = await client.call(SEARCH, 5, { status: 'Paid', page: '2' });
		expect(first.TotalCount).toBe(expected);
		expect(first.PageCount).toBe(Math.ceil(expected / 20));
		const rows = [...claimRows(first), ...claimRows(second)];
		expect(rows).toHaveLength(40);
		expect(rows.every((r) => r.Status === 'Paid')).toBe(true);
		expect(new Set(rows.map((r) => r.ID)).size).toBe(40);
	});

	test('by patient and date of service; bad filters are refused', async () => {
		const october = await client.call(SEARCH, 5, { dateofservicestart: '10/1/2026', dateofserviceend: '10/31/2026' });
		expect(october.TotalCount).toBeGreaterThan(20);
		expect(claimRows(october).every((r) => /^10\/\d{2}\/2026$/.test(r.DateOfService))).toBe(true);
		const someone = seededClaim('Paid');
		const patient = store().patients.get(someone.patientId)!;
		const theirs = await client.call(SEARCH, 5, { patientid: patient.encryptedId });
		expect(theirs.TotalCount).toBe([...store().claims.values()].filter((c) => c.patientId === patient.id).length);
		expect(claimRows(theirs).every((r) => r.PatientID === patient.id)).toBe(true);
		expect(await client.call(SEARCH, 5, { status: 'Lost' })).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining("'status'") });
		expect(await client.call(SEARCH, 5, { dateofservicestart: '10/31/2026', dateofserviceend: '10/1/2026' })).toMatchObject({ Success: false });
		expect(await client.call(SEARCH, 5, { dateofservicestart: '2026-10-01' })).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining('dateofservicestart') });
	});
});
