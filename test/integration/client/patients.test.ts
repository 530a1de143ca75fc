import type { RunningSandbox } from '../../../sandbox/server';
import { admin, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';
import { createStandaloneClient, InvalidInputError, PortalHttpError, PortalRefusalError, WriteOutcomeUnknownError, type TherapyNotesClient } from '../../../lib/client';

let sandbox: RunningSandbox;
let client: TherapyNotesClient;

beforeEach(async () => {
	sandbox = await withSandbox();
	client = createStandaloneClient({ credentials: credentialsFor(sandbox, 'plain'), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
});
afterEach(async () => {
	await sandbox.close();
});

const stats = () => admin(sandbox, 'GET', 'stats');
const hits = async (handler: string) => Number((await stats()).requests?.[handler] ?? 0);
const totalRequests = async () => Object.values((await stats()).requests ?? {}).reduce((sum: number, n) => sum + Number(n), 0);
const faults = (rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });
const records = (kind: string, query: string) => admin(sandbox, 'GET', `records/${kind}?${query}`);
const store = () => sandbox.state.store;
const seeded = () => [...store().patients.values()];

const newcomer = { firstName: 'Synthetic', lastName: 'Newcomer', dateOfBirth: '1990-01-02' };

describe('patients: list', () => {
	test('pages through the whole list (20 a page) for status any, in last-name order', async () => {
		const rows = await client.patients.list({ status: 'any' });
		expect(rows).toHaveLength(store().patients.size);
		expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
		expect(await hits('patients/list')).toBe(Math.ceil(store().patients.size / 20));
		const first = store().patients.get(rows[0].id)!;
		expect(rows[0]).toMatchObject({ encryptedId: first.encryptedId, dateOfBirth: first.dob, lastName: first.lastName });
		expect(typeof rows[0].insuranceProvider).toBe('string');
	});

	test('a limit reads only the pages it needs', async () => {
		const rows = await client.patients.list({ status: 'any', limit: 25 });
		expect(rows).toHaveLength(25);
		expect(await hits('patients/list')).toBe(2);
	});

	test('filters by status and assigned clinician as the portal does', async () => {
		const clinicianId = seeded()[0].assignedClinicianIds[0];
		const active = await client.patients.list({ status: 'active', clinicianId });
		const expected = seeded().filter((p) => p.status === 'active' && p.assignedClinicianIds.includes(clinicianId));
		expect(active.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.map((p) => p.id).sort((a, b) => a - b));
		const inactive = await client.patients.list({ status: 'inactive' });
		expect(inactive.every((r) => store().patients.get(r.id)!.status === 'inactive')).toBe(true);
		expect(inactive).toHaveLength(seeded().filter((p) => p.status === 'inactive').length);
	});

	test.each([
		[{ status: 'archived' }, 'options.status'],
		[{ limit: 0 }, 'options.limit'],
		[{ clinicianId: -3 }, 'options.clinicianId'],
		[{ sort: 'x' }, 'options'],
	])('refuses %j before sending anything', async (options, field) => {
		const error = await client.patients.list(options as never).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).field).toBe(field);
		expect(await totalRequests()).toBe(0);
	});
});

describe('patients: create and update', () => {
	test('creates a patient with every field; money in cents reaches the portal as dollars', async () => {
		const patient = await client.patients.create({
			...newcomer,
			sex: 'F',
			email: 'newcomer@example.test',
			phone: '555-0100',
			address: { street: '1 Test Way', city: 'Springfield', state: 'IL', zip: '62701' },
			externalId: 'CRM-100',
			sessionFeeCents: 12345,
		});
		const record = store().patients.get(patient.id)!;
		expect(record).toMatchObject({ firstName: 'Synthetic', lastName: 'Newcomer', dob: '1990-01-02', sex: 'F', externalId: 'CRM-100', sessionFeeCents: 12345 });
		expect(record.address).toEqual({ street: '1 Test Way', city: 'Springfield', state: 'IL', zip: '62701' });
		expect(patient).toMatchObject({ encryptedId: record.encryptedId, sessionFeeCents: 12345, status: 'active', externalId: 'CRM-100' });
	});

	test.each([
		[{ ...newcomer, dateOfBirth: '1990-02-30' }, 'patient.dateOfBirth'],
		[{ ...newcomer, dateOfBirth: '2999-01-01' }, 'patient.dateOfBirth'],
		[{ ...newcomer, email: 'not-an-email' }, 'patient.email'],
		[{ ...newcomer, firstName: '  ' }, 'patient.firstName'],
		[{ ...newcomer, sessionFeeCents: 12.5 }, 'patient.sessionFeeCents'],
		[{ ...newcomer, nickname: 'x' }, 'patient'],
		[{ firstName: 'A', dateOfBirth: '1990-01-01' }, 'patient.lastName'],
	])('refuses a bad create %# with the field named and nothing sent', async (input, field) => {
		const error = await client.patients.create(input as never).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).field).toBe(field);
		expect(await totalRequests()).toBe(0);
		expect((await stats()).loginAttempts).toBe(0);
	});

	test('an update changes only the fields given, by EncryptedID too', async () => {
		const target = seeded()[3];
		const before = structuredClone(target);
		const updated = await client.patients.update(target.encryptedId, { phone: '555-0199', status: 'inactive' });
		const after = store().patients.get(target.id)!;
		expect(after).toMatchObject({ phone: '555-0199', status: 'inactive' });
		expect({ ...after, phone: before.phone, status: before.status, updatedAt: before.updatedAt }).toEqual(before);
		expect(updated).toMatchObject({ id: target.id, phone: '555-0199', status: 'inactive' });
	});

	test('a partial address keeps the other parts; externalId null clears it', async () => {
		const target = seeded().find((p) => p.externalId && p.address.street)!;
		const street = target.address.street;
		await client.patients.update(target.id, { address: { city: 'Shelbyville' }, externalId: null });
		expect(store().patients.get(target.id)!.address).toMatchObject({ street, city: 'Shelbyville' });
		expect(store().patients.get(target.id)!.externalId).toBeNull();
	});

	test('an empty update is refused before sending', async () => {
		const error = await client.patients.update(seeded()[0].id, {}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(InvalidInputError);
		expect((error as InvalidInputError).message).toContain('no field to change');
		expect(await totalRequests()).toBe(0);
	});

	test('an unknown patient is the portal’s NotFound refusal', async () => {
		const error = await client.patients.update(999999, { phone: '1' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalRefusalError);
		expect((error as PortalRefusalError).code).toBe('NotFound');
	});

	test('an update (absolute values) is retried on a 500; a create is not', async () => {
		await faults([{ handler: 'patients/save', fault: '5xx', count: 1 }]);
		const target = seeded()[1];
		await client.patients.update(target.id, { phone: '555-0142' });
		expect(store().patients.get(target.id)!.phone).toBe('555-0142');
		expect(await hits('patients/save')).toBe(2);
		await faults([{ handler: 'patients/save', fault: '5xx', count: 1 }]);
		const error = await client.patients.create(newcomer).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalHttpError);
		expect(await hits('patients/save')).toBe(3);
	});

	test('a create whose answer is lost, with an external ID, answers the patient that was saved', async () => {
		await faults([{ handler: 'patients/save', fault: 'drop', count: 1 }]);
		const patient = await client.patients.create({ ...newcomer, externalId: 'LOST-CREATE' });
		expect((await records('patients', 'externalId=LOST-CREATE')).count).toBe(1);
		expect(patient.externalId).toBe('LOST-CREATE');
		expect(await hits('patients/save')).toBe(1);
	});

	test('a create whose answer is lost, without an external ID, reports the unknown outcome', async () => {
		await faults([{ handler: 'patients/save', fault: 'drop', count: 1 }]);
		await expect(client.patients.create(newcomer)).rejects.toBeInstanceOf(WriteOutcomeUnknownError);
		expect(await hits('patients/save')).toBe(1);
	});
});

describe('patients: upsert by external ID', () => {
	test('creates, then updates the same patient', async () => {
		const first = await client.patients.upsert({ ...newcomer, externalId: 'UPS-1' });
		expect(first.action).toBe('created');
		const second = await client.patients.upsert({ ...newcomer, externalId: 'UPS-1', phone: '555-0111' });
		expect(second).toMatchObject({ action: 'updated', patient: { id: first.patient.id, phone: '555-0111' } });
		expect((await records('patients', 'externalId=UPS-1')).count).toBe(1);
	});

	test('three runs with the first create’s answer dropped leave exactly one patient', async () => {
		await faults([{ handler: 'patients/save', fault: 'drop', count: 1 }]);
		const actions: string[] = [];
		for (let run = 0; run < 3; run++) actions.push((await client.patients.upsert({ ...newcomer, externalId: 'UPS-DROP', phone: `555-010${run}` })).action);
		expect(actions).toEqual(['created', 'updated', 'updated']);
		const found = await records('patients', 'externalId=UPS-DROP');
		expect(found.count).toBe(1);
		expect(found.rows[0].phone).toBe('555-0102');
		// The dropped create, then one update a run: never a second create.
		expect(await hits('patients/save')).toBe(3);
	});

	test('when the search cannot see the ID, the portal’s DuplicateExternalId settles it', async () => {
		// One character is below the search box's minimum, so only the duplicate check finds it.
		const first = await client.patients.upsert({ ...newcomer, externalId: 'Q' });
		const second = await client.patients.upsert({ ...newcomer, externalId: 'Q', email: 'q@example.test' });
		expect([first.action, second.action]).toEqual(['created', 'updated']);
		expect(second.patient.id).toBe(first.patient.id);
		expect((await records('patients', 'externalId=Q')).count).toBe(1);
		expect(store().patients.get(first.patient.id)!.email).toBe('q@example.test');
	});

	test('matches the external ID exactly, not a name or a different case', async () => {
		const seededWithId = seeded().find((p) => p.externalId)!;
		const result = await client.patients.upsert({ ...newcomer, externalId: seededWithId.externalId!.toLowerCase() });
		expect(result.action).toBe('created');
		expect(result.patient.id).not.toBe(seededWithId.id);
	});

	test('needs an external ID (nothing sent)', async () => {
		const error = await client.patients.upsert(newcomer as never).catch((e: unknown) => e);
		expect((error as InvalidInputError).field).toBe('patient.externalId');
		expect(await totalRequests()).toBe(0);
	});
});

describe('patients: insurance and portal status', () => {
	const withPolicy = () => seeded().find((p) => store().policiesOf(p.id).length === 1)!;

	test('reads policies with copay in cents and ISO dates', async () => {
		const patient = withPolicy();
		const [policy] = await client.patients.getPolicies(patient.encryptedId);
		const record = store().policiesOf(patient.id)[0];
		expect(policy).toMatchObject({ id: record.id, patientId: patient.id, priority: 'primary', payerId: record.payerId, memberId: record.memberId, copayCents: record.copayCents, startDate: record.startDate });
	});

	test('sets a policy by priority: creates the secondary once, then updates it', async () => {
		const patient = withPolicy();
		const input = { priority: 'secondary' as const, payerId: 2, memberId: 'M-1', groupNumber: 'G-9', copayCents: 2550, startDate: '2026-01-01', endDate: '2026-12-31' };
		const created = await client.patients.setPolicy(patient.id, input);
		expect(created).toMatchObject({ action: 'created', policy: { priority: 'secondary', copayCents: 2550, endDate: '2026-12-31', groupNumber: 'G-9' } });
		const updated = await client.patients.setPolicy(patient.encryptedId, { ...input, memberId: 'M-2', copayCents: 3000 });
		expect(updated).toMatchObject({ action: 'updated', policy: { id: created.policy.id, memberId: 'M-2', copayCents: 3000 } });
		const rows = (await records('policies', `patientId=${patient.id}`)).rows as { priority: number }[];
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.priority === 2)).toMatchObject({ memberId: 'M-2', copayCents: 3000, startDate: '2026-01-01' });
	});

	test('a policy create whose answer is lost is found, not made twice', async () => {
		const patient = withPolicy();
		await faults([{ handler: 'patients/savepolicy', fault: 'drop', count: 1 }]);
		const result = await client.patients.setPolicy(patient.id, { priority: 'tertiary', payerId: 3, memberId: 'T-1' });
		expect(result.action).toBe('created');
		expect((await records('policies', `patientId=${patient.id}&priority=3`)).count).toBe(1);
		expect(await hits('patients/savepolicy')).toBe(1);
	});

	test.each([
		[{ priority: 'primary', payerId: 1, memberId: 'X', startDate: '2026-05-01', endDate: '2026-04-01' }, 'policy.endDate'],
		[{ priority: 'fourth', payerId: 1, memberId: 'X' }, 'policy.priority'],
		[{ priority: 'primary', payerId: 1, memberId: 'X', copayCents: -1 }, 'policy.copayCents'],
	])('refuses a bad policy %# before sending', async (input, field) => {
		const error = await client.patients.setPolicy(1, input as never).catch((e: unknown) => e);
		expect((error as InvalidInputError).field).toBe(field);
		expect(await totalRequests()).toBe(0);
	});

	test('portal status', async () => {
		const patient = seeded()[0];
		const status = await client.patients.getPortalStatus(patient.id);
		expect(status).toMatchObject({ patientId: patient.id, encryptedId: patient.encryptedId, portalStatus: patient.portalStatus, portalUserId: patient.portalUserId });
	});
});
