import type { IDataObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import type { Appointment as SandboxAppointment } from '../../../sandbox/data/types';
import { addDays, addMinutes } from '../../../sandbox/util/dates';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { admin, withSandbox } from '../../helpers/sandbox';
import { byPairedItem, handlerHits, sandboxCredential, seededPatients, setFaults, stats } from './fixtures';

// The Appointment resource run by n8n-core's WorkflowExecute against the sandbox over real HTTP.

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

const SUMMARY_KEYS = ['chargeFee', 'clinicianId', 'durationMinutes', 'encryptedId', 'id', 'locationId', 'patientIds', 'serviceCode', 'start', 'status', 'telehealth', 'type'];

/** The appointment picker is a resource locator: typed references go in its ID mode. */
const appointment = (operation: string, parameters: INodeParameters = {}): INodeParameters => {
	const { appointmentId, ...rest } = parameters;
	const locator = appointmentId === undefined ? {} : { appointmentId: { __rl: true, mode: 'id', value: appointmentId } };
	return { resource: 'appointment', operation, ...locator, ...rest };
};
const patient = (id: number | string) => ({ __rl: true, mode: typeof id === 'number' ? 'id' : 'encryptedId', value: String(id) });
const records = async (query: string) => (await admin(sandbox, 'GET', `records/appointments?${query}`)).rows as SandboxAppointment[];
const today = () => sandbox.state.nowIso().slice(0, 10);
const stored = () => [...sandbox.state.store.appointments.values()];
const errorOf = (result: unknown) => (result as { error?: IDataObject }).error;

async function requestsDuring<T>(run: () => Promise<T>): Promise<{ result: T; requests: number }> {
	const before = (await stats(sandbox)).totalRequests;
	const result = await run();
	return { result, requests: (await stats(sandbox)).totalRequests - before };
}

const createParameters = (start: string, extra: INodeParameters = {}) =>
	appointment('create', { type: 'therapySession', patientId: patient(seededPatients(sandbox)[0].id), clinicianId: 1, start, durationMinutes: 50, serviceCode: '90834', ...extra });

describe('appointment: get many', () => {
	test('by date range: every appointment in start order, summary without names; a limit cuts', async () => {
		const from = addDays(today(), -20);
		const to = addDays(today(), 10);
		const expected = stored()
			.filter((a) => a.start.slice(0, 10) >= from && a.start.slice(0, 10) <= to)
			.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id));
		const all = await n8n.runNode({ parameters: appointment('getMany', { from: `${from}T00:00:00`, to: `${to}T00:00:00`, returnAll: true }), credential });
		expect(all.error).toBeUndefined();
		expect(all.items.map((i) => i.json.id)).toEqual(expected.map((a) => a.id));
		expect(all.items.every((i) => Object.keys(i.json).sort().join() === SUMMARY_KEYS.join())).toBe(true);
		expect([...byPairedItem(all.items).keys()]).toEqual([0]);
		const first = seededPatients(sandbox).find((p) => p.id === expected[0].patientIds[0])!;
		expect(JSON.stringify(all.items)).not.toContain(first.lastName);
		const limited = await n8n.runNode({ parameters: appointment('getMany', { from, to, limit: 3, output: 'all' }), credential });
		expect(limited.items.map((i) => i.json.id)).toEqual(expected.slice(0, 3).map((a) => a.id));
		expect(limited.items[0].json.patients).toEqual([expect.objectContaining({ id: first.id, lastName: first.lastName })]);
	});

	test('by clinician and statuses; by patient with a day filter', async () => {
		const from = addDays(today(), -60);
		const byFilter = await n8n.runNode({ parameters: appointment('getMany', { from, to: today(), returnAll: true, filters: { clinicianId: 1, statuses: ['missed'] } }), credential });
		const expected = stored().filter((a) => a.start.slice(0, 10) >= from && a.start.slice(0, 10) <= today() && a.clinicianId === 1 && a.status === 2);
		expect(byFilter.items.map((i) => i.json.id).sort()).toEqual(expected.map((a) => a.id).sort());
		expect(byFilter.items.length).toBeGreaterThan(0);
		const who = seededPatients(sandbox)[2];
		const theirs = stored().filter((a) => a.patientIds.includes(who.id) && a.start.slice(0, 10) >= from);
		const byPatient = await n8n.runNode({ parameters: appointment('getMany', { listBy: 'patient', patientId: patient(who.id), returnAll: true, filters: { from: `${from}T00:00:00` } }), credential });
		expect(byPatient.items.map((i) => i.json.id).sort()).toEqual(theirs.map((a) => a.id).sort());
		expect(await handlerHits(sandbox, 'scheduling/patientappointments')).toBe(1);
	});

	test('a reversed range fails naming the parameter, with nothing sent', async () => {
		const { result, requests } = await requestsDuring(() => n8n.runNode({ parameters: appointment('getMany', { from: '2026-12-01', to: '2026-11-01' }), credential }));
		expect(errorOf(result)).toMatchObject({ message: "Invalid parameter 'from': must not be after 'to'", description: 'Nothing was sent to TherapyNotes.' });
		expect(requests).toBe(0);
	});
});

describe('appointment: get', () => {
	test('by ID and EncryptedID; an unknown one fails, and with Continue On Fail is an error item beside the good one', async () => {
		const known = stored()[4];
		const byId = await n8n.runNode({ parameters: appointment('get', { appointmentId: String(known.id) }), credential });
		expect(byId.items[0].json).toMatchObject({ id: known.id, encryptedId: known.encryptedId, start: known.start, clinicianId: known.clinicianId });
		const both = await n8n.runNode({ parameters: appointment('get', { appointmentId: '={{ $json.ref }}' }), credential, items: [{ ref: 987654 }, { ref: known.encryptedId }], continueOnFail: true });
		expect(both.status).toBe('success');
		expect(byPairedItem(both.items).get(0)).toEqual([{ error: "TherapyNotes refused 'scheduling/get': The appointment could not be found.", details: 'TherapyNotes code: NotFound' }]);
		expect(byPairedItem(both.items).get(1)?.[0].id).toBe(known.id);
		const failed = await n8n.runNode({ parameters: appointment('get', { appointmentId: '987654' }), credential });
		expect(failed.status).toBe('error');
		expect(failed.error?.message).toContain('could not be found');
	});

	test('a bad ID fails naming the parameter with nothing sent; a portal 500 fails, or is an item with Continue On Fail', async () => {
		const { result, requests } = await requestsDuring(() => n8n.runNode({ parameters: appointment('get', { appointmentId: '../12' }), credential }));
		expect(errorOf(result)).toMatchObject({ message: "Invalid parameter 'appointmentId': must be a numeric appointment ID or an EncryptedID" });
		expect(requests).toBe(0);
		await setFaults(sandbox, [{ handler: 'scheduling/get', fault: '5xx' }]);
		const failed = await n8n.runNode({ parameters: appointment('get', { appointmentId: String(stored()[0].id) }), credential });
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', message: "TherapyNotes answered 'scheduling/get' with HTTP 500 (server error)." });
		const continued = await n8n.runNode({ parameters: appointment('get', { appointmentId: String(stored()[0].id) }), credential, continueOnFail: true });
		expect(continued.items).toEqual([{ json: { error: "TherapyNotes answered 'scheduling/get' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } }]);
	});
});

describe('appointment: create', () => {
	test('with dropdown values and additional fields, as the portal then holds it', async () => {
		const [a, b] = seededPatients(sandbox);
		const result = await n8n.runNode({
			parameters: createParameters('2026-12-03T07:05:00', { type: 'groupTherapy', serviceCode: '90853', additionalFields: { additionalPatientIds: b.encryptedId, locationId: 2, telehealth: true } }),
			credential,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ type: 'groupTherapy', status: 'scheduled', start: '2026-12-03T07:05', patientIds: [a.id, b.id], serviceCode: '90853', locationId: 2, telehealth: true, durationMinutes: 50 });
		const [row] = await records(`id=${result.items[0].json.id}`);
		expect(row).toMatchObject({ type: 4, start: '2026-12-03T07:05', patientIds: [a.id, b.id], telehealth: true, clinicianId: 1 });
	});

	test('the answer lost: the booking is found, not made twice', async () => {
		await setFaults(sandbox, [{ handler: 'scheduling/save', fault: 'drop', count: 1 }]);
		const result = await n8n.runNode({ parameters: createParameters('2026-12-04T07:10:00'), credential });
		expect(result.error).toBeUndefined();
		expect((await records('start=2026-12-04T07:10')).map((r) => r.id)).toEqual([result.items[0].json.id]);
		expect(await handlerHits(sandbox, 'scheduling/save')).toBe(1);
	});

	test('a time with a zone or a missing service code fails before any request; a portal 500 is not resent', async () => {
		const zoned = await requestsDuring(() => n8n.runNode({ parameters: createParameters('2026-12-03T07:05:00Z'), credential }));
		expect(errorOf(zoned.result)?.message).toBe("Invalid parameter 'start': must be a practice-local date-time like 2026-11-26T14:30 (no time zone, whole minutes)");
		expect(zoned.requests).toBe(0);
		const noCode = await requestsDuring(() => n8n.runNode({ parameters: createParameters('2026-12-03T07:05:00', { serviceCode: '' }), credential }));
		// A required dropdown left empty is n8n's own check, before the node runs.
		expect(errorOf(noCode.result)?.message).toContain('Parameter "Service Code Name or ID" is required');
		expect(noCode.requests).toBe(0);
		await setFaults(sandbox, [{ handler: 'scheduling/save', fault: '5xx' }]);
		const failed = await n8n.runNode({ parameters: createParameters('2026-12-05T07:15:00'), credential, continueOnFail: true });
		expect(failed.items[0].json.error).toBe("TherapyNotes answered 'scheduling/save' with HTTP 500 (server error).");
		expect(await handlerHits(sandbox, 'scheduling/save')).toBe(1);
		expect(await records('start=2026-12-05T07:15')).toEqual([]);
	});
});

describe('appointment: update, set status, telehealth link', () => {
	test('reschedule, then Missed with a fee twice (same result); a fee on Show fails before any request', async () => {
		const made = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: seededPatients(sandbox)[0].id, clinicianId: 1, start: '2026-11-20T07:30' });
		const moved = await n8n.runNode({ parameters: appointment('update', { appointmentId: made.encryptedId, updateFields: { start: '2026-11-21T08:45:00', durationMinutes: 30 } }), credential });
		expect(moved.items[0].json).toMatchObject({ id: made.id, start: '2026-11-21T08:45', durationMinutes: 30 });
		const missed = await n8n.runNode({ parameters: appointment('setStatus', { appointmentId: String(made.id), status: 'missed', chargeFee: true }), credential, items: [{}, {}] });
		expect(missed.items.map((i) => [i.json.status, i.json.chargeFee])).toEqual([
			['missed', true],
			['missed', true],
		]);
		expect((await records(`id=${made.id}`))[0]).toMatchObject({ status: 2, chargeFee: true, start: '2026-11-21T08:45' });
		// The status from an expression: n8n cannot hide Charge Fee then, so the client must refuse it.
		const parameters = appointment('setStatus', { appointmentId: String(made.id), status: '={{ $json.status }}', chargeFee: true });
		const { result, requests } = await requestsDuring(() => n8n.runNode({ parameters, credential, items: [{ status: 'show' }] }));
		expect(errorOf(result)?.message).toBe("Invalid parameter 'chargeFee': applies only to Missed, Cancelled or Late Cancelled");
		expect(requests).toBe(0);
	});

	test('a telehealth link inside the window; outside it, the portal’s reason', async () => {
		const soon = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: seededPatients(sandbox)[0].id, start: addMinutes(sandbox.state.nowIso(), 45), telehealth: true });
		const later = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: seededPatients(sandbox)[0].id, start: addMinutes(sandbox.state.nowIso(), 7 * 60), telehealth: true });
		const result = await n8n.runNode({ parameters: appointment('getTelehealthLink', { appointmentId: '={{ $json.id }}' }), credential, items: [{ id: soon.id }, { id: later.id }], continueOnFail: true });
		const groups = byPairedItem(result.items);
		expect(groups.get(0)?.[0]).toMatchObject({ appointmentId: soon.id, url: expect.stringMatching(/^https:\/\/telehealth\.sandbox\.local\/session\//) });
		expect(groups.get(1)?.[0]).toEqual({ error: expect.stringMatching(/^TherapyNotes refused 'telehealth\/sessionlink': The appointment is too far away/), details: 'TherapyNotes code: OutsideSessionWindow' });
	});
});
