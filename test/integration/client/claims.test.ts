import type { RunningSandbox } from '../../../sandbox/server';
import type { Appointment, Claim as SandboxClaim } from '../../../sandbox/data/types';
import { admin, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';
import { claimsIn, completedSession } from '../../helpers/sessions';
import { createStandaloneClient, InvalidInputError, PortalHttpError, PortalRefusalError, type TherapyNotesClient } from '../../../lib/client';
import { tokenize, validate837P } from '../../../lib/x12';

/**
 * The claims client against the sandbox over real HTTP. Sessions to bill are made through the
 * admin API, claims in later states come from the seeded store;
 * every figure is checked against the sandbox's records, not against our own mapping.
 */
let sandbox: RunningSandbox;
let client: TherapyNotesClient;

beforeEach(async () => {
	sandbox = await withSandbox();
	client = createStandaloneClient({ credentials: credentialsFor(sandbox, 'plain'), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
});
afterEach(async () => {
	await sandbox.close();
});

const store = () => sandbox.state.store;
const stats = () => admin(sandbox, 'GET', 'stats');
const hits = async (handler: string) => Number((await stats()).requests?.[handler] ?? 0);
const totalRequests = async () => Number((await stats()).totalRequests);
const faults = (rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });
const claimRecords = async (query: string): Promise<SandboxClaim[]> => (await admin(sandbox, 'GET', `records/claims?${query}`)).rows;
const adjudicate = (body: Record<string, unknown>) => admin(sandbox, 'POST', 'act/claims-adjudicate', body);
const seededClaim = (status: SandboxClaim['status']) => [...store().claims.values()].find((c) => c.status === status)!;

/** Completed sessions of insured patients with signed progress notes and no claim yet. */
async function billable(count = 1): Promise<Appointment[]> {
	const made: Appointment[] = [];
	for (let i = 0; i < count; i++) made.push(await completedSession(sandbox));
	return made;
}

/** Segments of an X12 text as arrays of elements, read by the tokenizer (not by our builder). */
const segments = (text: string) => tokenize(text).segments.map((s) => [s.id, ...s.elements.slice(1)]);
const cents = (amount: string) => Math.round(Number(amount) * 100);
const find = (text: string, id: string, first?: string) => segments(text).find((s) => s[0] === id && (first === undefined || s[1] === first));

describe('claims: create', () => {
	test('from a completed appointment with a signed note: the claim and an 837P that validates and reads back', async () => {
		const [appointment] = await billable();
		const result = await client.claims.create({ appointmentId: appointment.encryptedId });
		const [record] = await claimRecords(`appointmentId=${appointment.id}`);
		const patient = store().patients.get(appointment.patientIds[0])!;
		const clinician = store().user(appointment.clinicianId)!;
		const policy = store().policies.get(record.policyId)!;
		expect(result).toMatchObject({ alreadyExisted: false, recovered: false });
		expect(result.claim).toMatchObject({
			id: record.id, encryptedId: record.encryptedId, status: 'created', frequency: '1', appointmentId: appointment.id, patientId: patient.id,
			chargeCents: record.chargeCents, dateOfService: appointment.start.slice(0, 10), patientControlNumber: String(record.id),
			billingProvider: { npi: store().practice.npi, taxId: store().practice.taxId }, renderingProvider: { npi: clinician.npi },
			subscriber: { memberId: policy.memberId, dateOfBirth: patient.dob }, payer: { electronicPayerId: store().payer(policy.payerId)!.electronicPayerId },
		});
		const { x12 } = result;
		expect(x12).toMatchObject({ claimId: record.id, valid: true, problems: [], frequency: '1', interchangeControlNumber: record.id });
		const text = x12.text!;
		expect(validate837P(text)).toEqual({ valid: true, problems: [] });
		expect(find(text, 'CLM')![1]).toBe(String(record.id));
		expect(cents(find(text, 'CLM')![2])).toBe(record.chargeCents);
		expect(find(text, 'CLM')![5]).toBe(`${store().locations.find((l) => l.id === appointment.locationId)!.placeOfService}:B:1`);
		expect(find(text, 'NM1', '85')![9]).toBe(store().practice.npi);
		expect(find(text, 'NM1', '82')![9]).toBe(clinician.npi);
		expect(find(text, 'NM1', 'IL')![9]).toBe(policy.memberId);
		expect(find(text, 'SV1')![1]).toBe(['HC', record.serviceCode, ...(appointment.telehealth ? ['95'] : [])].join(':'));
		expect(find(text, 'REF', '6R')![2]).toBe(`${record.id}-1`);
		expect(find(text, 'DTP', '472')![3]).toBe(appointment.start.slice(0, 10).replace(/-/g, ''));
		const audit = await admin(sandbox, 'GET', 'audit');
		expect(audit.entries).toContainEqual(expect.objectContaining({ action: 'create', kind: 'claim', id: record.id, by: 'portal' }));
	});

	test('a second create for the same appointment returns the existing claim (alreadyExisted), and only one claim exists', async () => {
		const [appointment] = await billable();
		const x12 = { createdAt: '2026-11-26T10:00:00Z' };
		const first = await client.claims.create({ appointmentId: appointment.id }, { x12 });
		const second = await client.claims.create({ appointmentId: String(appointment.id) }, { x12 });
		expect(second).toMatchObject({ alreadyExisted: true, recovered: false, claim: { id: first.claim.id } });
		expect(second.x12.text).toBe(first.x12.text);
		expect(await claimRecords(`appointmentId=${appointment.id}`)).toHaveLength(1);
		expect(await hits('claims/create')).toBe(2);
	});

	test('a lost answer (the portal created the claim, the connection dropped): the appointment is looked up first, no second create', async () => {
		const [appointment] = await billable();
		await faults([{ handler: 'claims/create', fault: 'drop', count: 1 }]);
		const result = await client.claims.create({ appointmentId: appointment.id });
		const records = await claimRecords(`appointmentId=${appointment.id}`);
		expect(records).toHaveLength(1);
		expect(result).toMatchObject({ recovered: true, alreadyExisted: false, claim: { id: records[0].id } });
		expect(result.x12.valid).toBe(true);
		expect(await hits('claims/create')).toBe(1);
		expect(await hits('scheduling/get')).toBe(1);
		expect(await hits('claims/search')).toBeGreaterThanOrEqual(1);
	});

	test('a portal 500 on create: looked up, not found, sent once more, then the error; nothing stored', async () => {
		const [appointment] = await billable();
		await faults([{ handler: 'claims/create', fault: '5xx' }]);
		const error = await client.claims.create({ appointmentId: appointment.id }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalHttpError);
		expect((error as PortalHttpError).status).toBe(500);
		expect(await hits('claims/create')).toBe(2);
		expect(await claimRecords(`appointmentId=${appointment.id}`)).toHaveLength(0);
	});

	test('the portal refuses, naming why: not completed, note not signed, self-pay; unknown appointment', async () => {
		const claimed = new Set([...store().claims.values()].map((c) => c.appointmentId));
		const scheduled = [...store().appointments.values()].find((a) => a.status === 0 && a.patientIds.length === 1)!;
		const unsigned = [...store().appointments.values()].find((a) => a.status === 1 && !claimed.has(a.id) && a.patientIds.length === 1 && store().policiesOf(a.patientIds[0]).length > 0 && [...store().notes.values()].some((n) => n.appointmentId === a.id && n.noteType === 4 && n.status === 'draft'))!;
		const refusal = async (ref: number | string) => (await client.claims.create({ appointmentId: ref }).catch((e: unknown) => e)) as PortalRefusalError;
		expect(await refusal(scheduled.id)).toMatchObject({ code: 'AppointmentNotCompleted', portalMessage: expect.stringContaining('Scheduled') });
		expect(await refusal(unsigned.id)).toMatchObject({ code: 'NoteNotSigned', portalMessage: expect.stringContaining('not signed') });
		const selfPay = [...store().appointments.values()].find((a) => a.status === 1 && !claimed.has(a.id) && a.patientIds.length === 1 && store().policiesOf(a.patientIds[0]).length === 0 && [...store().notes.values()].some((n) => n.appointmentId === a.id && n.noteType === 4 && n.status === 'signed'))!;
		expect(await refusal(selfPay.encryptedId)).toMatchObject({ code: 'SelfPay' });
		expect(await refusal(99999999)).toMatchObject({ code: 'NotFound' });
		expect((await refusal(scheduled.id)).message).toBe(`TherapyNotes refused 'claims/create': The appointment is Scheduled, not Show: only a completed appointment can be billed.`);
	});

	test('bad input fails naming the field, before any request', async () => {
		await expect(client.claims.create({ appointmentId: 'not/an id' })).rejects.toThrow(new InvalidInputError('claim.appointmentId', 'must be a numeric appointment ID or an EncryptedID'));
		await expect(client.claims.create({ appointmentId: 5 }, { x12: { contactPhone: '555' } })).rejects.toThrow("'x12.contactPhone' must be 10 digits");
		expect(await totalRequests()).toBe(0);
	});
});

describe('claims: get, status, 837P', () => {
	test('get maps every figure of the record; getStatus carries rejection codes and no patient data', async () => {
		const accepted = seededClaim('Accepted');
		await adjudicate({ claimIds: [accepted.id], outcome: 'reject', rejectionCodes: ['A7:562', 'A3:116'] });
		const claim = await client.claims.get(accepted.encryptedId);
		expect(claim).toMatchObject({ id: accepted.id, status: 'pendingResubmit', chargeCents: accepted.chargeCents, payerClaimNumber: accepted.payerClaimNumber, rejectionCodes: ['A7:562', 'A3:116'] });
		const status = await client.claims.getStatus(accepted.id);
		expect(status).toEqual({
			id: accepted.id, encryptedId: accepted.encryptedId, status: 'pendingResubmit', rejectionCodes: ['A7:562', 'A3:116'], frequency: '1', payerClaimNumber: accepted.payerClaimNumber,
			chargeCents: accepted.chargeCents, paidCents: 0, patientResponsibilityCents: 0, eraId: accepted.eraId, updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/), submittedAt: claim.submittedAt,
		});
		const paid = seededClaim('Paid');
		expect(await client.claims.getStatus(paid.id)).toMatchObject({ status: 'paid', paidCents: paid.paidCents, patientResponsibilityCents: paid.patientResponsibilityCents, eraId: paid.eraId });
	});

	test('get837P of an existing claim honours the envelope options and parses back', async () => {
		const paid = seededClaim('Paid');
		const file = await client.claims.get837P(paid.id, { x12: { receiverId: 'CLEARING1', receiverName: 'CLEARING HOUSE', usage: 'T', interchangeControlNumber: 4242, contactPhone: '5551234567', createdAt: '2026-11-26T10:00:00Z' } });
		expect(file).toMatchObject({ claimId: paid.id, fileName: `CLAIM-${paid.id}.837`, valid: true, interchangeControlNumber: 4242 });
		const isa = find(file.text, 'ISA')!;
		expect(isa[8].trim()).toBe('CLEARING1');
		expect(isa[13]).toBe('000004242');
		expect(isa[15]).toBe('T');
		expect(find(file.text, 'PER')![4]).toBe('5551234567');
		expect(find(file.text, 'BHT')![4]).toBe('20261126');
		expect(validate837P(file.text).valid).toBe(true);
	});

	test('an unknown claim is the portal\'s NotFound; a bad id is refused before sending', async () => {
		await expect(client.claims.get(99999999)).rejects.toMatchObject({ code: 'NotFound', handler: 'claims/get' });
		const before = await totalRequests();
		await expect(client.claims.get837P('x')).rejects.toThrow("'claimId' must be a numeric claim ID or an EncryptedID");
		expect(await totalRequests()).toBe(before);
	});
});

describe('claims: list', () => {
	test('by status, all pages; a limit reads only the pages it needs', async () => {
		const paid = [...store().claims.values()].filter((c) => c.status === 'Paid');
		const all = await client.claims.list({ status: 'paid' });
		expect(all.map((c) => c.id).sort((a, b) => a - b)).toEqual(paid.map((c) => c.id).sort((a, b) => a - b));
		expect(all.every((c) => c.status === 'paid')).toBe(true);
		expect(await hits('claims/search')).toBe(Math.ceil(paid.length / 20));
		const some = await client.claims.list({ status: 'paid', limit: 25 });
		expect(some.map((c) => c.id)).toEqual(all.slice(0, 25).map((c) => c.id));
		expect(await hits('claims/search')).toBe(Math.ceil(paid.length / 20) + 2);
		const sample = store().claims.get(all[0].id)!;
		expect(all[0]).toMatchObject({ chargeCents: sample.chargeCents, paidCents: sample.paidCents, patientResponsibilityCents: sample.patientResponsibilityCents, eraId: sample.eraId });
	});

	test('by patient and date of service', async () => {
		const someone = seededClaim('Paid');
		const patient = store().patients.get(someone.patientId)!;
		const theirs = await client.claims.list({ patientId: patient.encryptedId });
		expect(theirs.map((c) => c.id).sort((a, b) => a - b)).toEqual([...store().claims.values()].filter((c) => c.patientId === patient.id).map((c) => c.id).sort((a, b) => a - b));
		const october = await client.claims.list({ dateOfServiceFrom: '2026-10-01', dateOfServiceTo: '2026-10-31' });
		const expected = [...store().claims.values()].filter((c) => store().appointments.get(c.appointmentId)!.start.slice(0, 7) === '2026-10');
		expect(october).toHaveLength(expected.length);
		expect(october.every((c) => c.dateOfService.startsWith('2026-10-'))).toBe(true);
	});

	test('a bad date range or status is refused naming the field, with no request', async () => {
		await expect(client.claims.list({ dateOfServiceFrom: '2026-10-31', dateOfServiceTo: '2026-10-01' })).rejects.toThrow("'filters.dateOfServiceTo' is before 'dateOfServiceFrom'");
		await expect(client.claims.list({ dateOfServiceFrom: '2026-02-30' })).rejects.toThrow("'filters.dateOfServiceFrom' is not a calendar date");
		await expect(client.claims.list({ status: 'lost' as never })).rejects.toBeInstanceOf(InvalidInputError);
		expect(await totalRequests()).toBe(0);
	});
});

describe('claims: submit and resubmit', () => {
	test('submit one or many; the records move to Submitted; a paid claim in the batch refuses them all', async () => {
		const [a, b] = await billable(2);
		const first = (await client.claims.create({ appointmentId: a.id })).claim;
		const second = (await client.claims.create({ appointmentId: b.id })).claim;
		const paid = seededClaim('Paid');
		await expect(client.claims.submit([first.id, paid.encryptedId])).rejects.toMatchObject({ code: 'InvalidTransition', portalMessage: expect.stringContaining('replacement (7)') });
		expect(store().claims.get(first.id)!.status).toBe('Created');
		const result = await client.claims.submit([first.id, second.encryptedId]);
		expect(result).toEqual({ recovered: false, claims: [{ id: first.id, encryptedId: first.encryptedId, status: 'submitted' }, { id: second.id, encryptedId: second.encryptedId, status: 'submitted' }] });
		expect((await claimRecords(`id=${second.id}`))[0].status).toBe('Submitted');
	});

	test('a lost submit answer is checked before any resend: the claims are Submitted, one submit was sent', async () => {
		const [a] = await billable();
		const { claim } = await client.claims.create({ appointmentId: a.id });
		await faults([{ handler: 'claims/submit', fault: 'drop', count: 1 }]);
		const result = await client.claims.submit([claim.id]);
		expect(result).toEqual({ recovered: true, claims: [{ id: claim.id, encryptedId: claim.encryptedId, status: 'submitted' }] });
		expect(await hits('claims/submit')).toBe(1);
		expect((await claimRecords(`id=${claim.id}`))[0].status).toBe('Submitted');
	});

	test('resubmit a rejected claim as a replacement (7) with a corrected charge: validated, sent, and its 837P says so', async () => {
		const [a] = await billable();
		const { claim } = await client.claims.create({ appointmentId: a.id });
		await client.claims.submit([claim.id]);
		await adjudicate({ claimIds: [claim.id], outcome: 'accept' });
		await adjudicate({ claimIds: [claim.id], outcome: 'reject' });
		const result = await client.claims.resubmit({ claimId: claim.encryptedId, frequency: '7', correction: { chargeCents: 14050, units: 1 } });
		const [record] = await claimRecords(`id=${claim.id}`);
		expect(record).toMatchObject({ status: 'Submitted', frequency: '7', chargeCents: 14050, payerClaimNumber: `PCN${claim.id}` });
		expect(result.claim).toMatchObject({ status: 'submitted', frequency: '7', chargeCents: 14050, payerClaimNumber: `PCN${claim.id}`, rejectionCodes: [] });
		const text = result.x12.text!;
		expect(validate837P(text).valid).toBe(true);
		expect(cents(find(text, 'CLM')![2])).toBe(14050);
		expect(find(text, 'CLM')![5]).toMatch(/:B:7$/);
		expect(find(text, 'REF', 'F8')![2]).toBe(`PCN${claim.id}`);
	});

	test('a lost resubmit answer: the claim is found Submitted with the new frequency, no second resubmit', async () => {
		const paid = seededClaim('Paid');
		await faults([{ handler: 'claims/resubmit', fault: 'drop', count: 1 }]);
		const result = await client.claims.resubmit({ claimId: paid.id, frequency: '7' });
		expect(result).toMatchObject({ recovered: true, claim: { id: paid.id, status: 'submitted', frequency: '7', payerClaimNumber: paid.payerClaimNumber } });
		expect(await hits('claims/resubmit')).toBe(1);
	});

	test('void (8) of a paid claim quoting the payer claim number', async () => {
		const paid = seededClaim('Paid');
		const result = await client.claims.resubmit({ claimId: paid.id, frequency: '8', payerClaimNumber: 'EOB-7781' });
		expect(result.claim).toMatchObject({ status: 'submitted', frequency: '8', payerClaimNumber: 'EOB-7781' });
		expect(find(result.x12.text!, 'REF', 'F8')![2]).toBe('EOB-7781');
		expect(store().claims.get(paid.id)!.frequency).toBe('8');
	});

	test('a replacement without any payer claim number is refused after reading the claim, before sending', async () => {
		const [a] = await billable();
		const { claim } = await client.claims.create({ appointmentId: a.id });
		await client.claims.submit([claim.id]);
		await adjudicate({ claimIds: [claim.id], outcome: 'reject' });
		await expect(client.claims.resubmit({ claimId: claim.id, frequency: '7' })).rejects.toThrow(`'payerClaimNumber' is required for a replacement (7) or void (8), and claim ${claim.id} has none on file`);
		await expect(client.claims.resubmit({ claimId: claim.id, frequency: '2' as never })).rejects.toBeInstanceOf(InvalidInputError);
		await expect(client.claims.resubmit({ claimId: claim.id, frequency: '7', correction: { chargeCents: 0 } })).rejects.toThrow("'resubmission.correction.chargeCents'");
		expect(await hits('claims/resubmit')).toBe(0);
		await expect(client.claims.resubmit({ claimId: (await claimsIn(sandbox, 'Created', 1))[0], frequency: '1' })).rejects.toMatchObject({ code: 'InvalidTransition' });
	});
});
