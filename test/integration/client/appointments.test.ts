import type { RunningSandbox } from '../../../sandbox/server';
import type { Appointment as SandboxAppointment } from '../../../sandbox/data/types';
import { addDays, addMinutes } from '../../../sandbox/util/dates';
import { createStandaloneClient, InvalidInputError, PortalChangedError, PortalHttpError, PortalRefusalError, type TherapyNotesClient } from '../../../lib/client';
import { admin, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';

const STATUS_NAMES = ['scheduled', 'show', 'missed', 'cancelled', 'lateCancelled'];

let sandbox: RunningSandbox;
let client: TherapyNotesClient;

const clientFor = (s: RunningSandbox) => createStandaloneClient({ credentials: credentialsFor(s, 'plain'), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
const stats = async (s = sandbox) => admin(s, 'GET', 'stats');
const hits = async (handler: string, s = sandbox) => Number((await stats(s)).requests[handler] ?? 0);
const records = async (query: string) => (await admin(sandbox, 'GET', `records/appointments?${query}`)).rows as SandboxAppointment[];
const stored = () => [...sandbox.state.store.appointments.values()];
const today = () => sandbox.state.nowIso().slice(0, 10);

/** What the list must answer, computed from the sandbox's records and the brief's rules. */
function expectedIds(from: string, to: string, filter: (a: SandboxAppointment) => boolean = () => true): number[] {
	return stored()
		.filter((a) => a.start.slice(0, 10) >= from && a.start.slice(0, 10) <= to && filter(a))
		.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id))
		.map((a) => a.id);
}

/** Sends `run` and proves no request reached the portal. */
async function refusedLocally(run: () => Promise<unknown>, field: string): Promise<InvalidInputError> {
	const before = (await stats()).totalRequests;
	const error = await run().then(
		() => null,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(InvalidInputError);
	expect((error as InvalidInputError).field).toBe(field);
	expect((await stats()).totalRequests).toBe(before);
	return error as InvalidInputError;
}

beforeAll(async () => {
	sandbox = await withSandbox();
	client = clientFor(sandbox);
});
afterAll(() => sandbox.close());
afterEach(async () => {
	await admin(sandbox, 'POST', 'faults', { rules: [] });
});

function firstPatient() {
	return [...sandbox.state.store.patients.values()][0];
}

const newBooking = (start: string, overrides: Record<string, unknown> = {}) => ({
	type: 'therapySession' as const,
	serviceCode: '90834',
	durationMinutes: 45,
	clinicianId: 1,
	patientIds: [firstPatient().id],
	start,
	...overrides,
});

describe('appointments.list', () => {
	test('a 90-day range: every appointment, in start order, mapped to names, in one request', async () => {
		const from = addDays(today(), -60);
		const to = addDays(today(), 29);
		const before = await hits('scheduling/loadschedule');
		const rows = await client.appointments.list({ from, to });
		expect(await hits('scheduling/loadschedule')).toBe(before + 1);
		expect(rows.map((r) => r.id)).toEqual(expectedIds(from, to));
		expect(rows.length).toBeGreaterThan(100);
		const sample = rows[Math.floor(rows.length / 2)];
		const raw = sandbox.state.store.appointments.get(sample.id)!;
		expect(sample).toMatchObject({
			encryptedId: raw.encryptedId,
			status: STATUS_NAMES[raw.status],
			start: raw.start,
			durationMinutes: raw.durationMinutes,
			clinicianId: raw.clinicianId,
			patientIds: raw.patientIds,
			serviceCode: raw.serviceCode,
			locationId: raw.locationId,
			telehealth: raw.telehealth,
			chargeFee: raw.chargeFee,
		});
		expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['show', 'missed', 'cancelled', 'scheduled', 'lateCancelled'].filter((s) => rows.some((r) => r.status === s))));
	});

	test('a range of 800 days needs 13 pieces of 62 days, so two requests, with nothing lost at the seams', async () => {
		const to = addDays(today(), 28);
		const from = addDays(to, -799);
		const before = await hits('scheduling/loadschedule');
		const rows = await client.appointments.list({ from, to });
		expect(await hits('scheduling/loadschedule')).toBe(before + 2);
		expect(rows.map((r) => r.id)).toEqual(expectedIds(from, to));
	});

	test('by clinician and by status', async () => {
		const from = addDays(today(), -30);
		const to = today();
		const mine = await client.appointments.list({ from, to, clinicianId: 1 });
		expect(mine.map((r) => r.id)).toEqual(expectedIds(from, to, (a) => a.clinicianId === 1));
		const missed = await client.appointments.list({ from, to, status: ['missed', 'lateCancelled'] });
		expect(missed.map((r) => r.id)).toEqual(expectedIds(from, to, (a) => a.status === 2 || a.status === 4));
		expect(missed.length).toBeGreaterThan(0);
	});

	test('by patient: the patient-appointments handler, optionally narrowed', async () => {
		const patient = firstPatient();
		const all = await client.appointments.listForPatient(patient.encryptedId);
		const theirs = stored().filter((a) => a.patientIds.includes(patient.id));
		expect(all.map((r) => r.id).sort((a, b) => a - b)).toEqual(theirs.map((a) => a.id).sort((a, b) => a - b));
		const from = addDays(today(), -90);
		const shown = await client.appointments.listForPatient(patient.id, { from, status: 'show' });
		expect(shown.map((r) => r.id)).toEqual(expectedIds(from, '9999-12-31', (a) => a.patientIds.includes(patient.id) && a.status === 1));
	});

	test('an answer in another shape is a PortalChangedError naming handler and field', async () => {
		await admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'scheduling/loadschedule', fault: 'drift' }] });
		const error = await client.appointments.list({ from: today(), to: today() }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalChangedError);
		expect(error).toMatchObject({ handler: 'scheduling/loadschedule', field: 'CalendarItems' });
	});

	test('bad ranges are refused before any request, naming the parameter', async () => {
		await refusedLocally(() => client.appointments.list({ from: '2026-13-01', to: '2026-12-01' }), 'from');
		await refusedLocally(() => client.appointments.list({ from: '2026-12-01', to: '2026-11-01' }), 'from');
		await refusedLocally(() => client.appointments.list({ from: '2026-11-01', to: 'tomorrow' }), 'to');
		await refusedLocally(() => client.appointments.list({ from: '2026-11-01', to: '2026-11-02', status: ['noShow' as never] }), 'status');
		await refusedLocally(() => client.appointments.listForPatient('not an id!'), 'patientId');
	});
});

describe('appointments.get', () => {
	test('by numeric ID and by EncryptedID; an unknown one is the portal’s NotFound', async () => {
		const raw = stored()[10];
		const byId = await client.appointments.get(raw.id);
		expect(byId).toMatchObject({ id: raw.id, encryptedId: raw.encryptedId, start: raw.start });
		expect(await client.appointments.get(raw.encryptedId)).toEqual(byId);
		expect(await client.appointments.get(String(raw.id))).toEqual(byId);
		const missing = await client.appointments.get(987654).catch((e: unknown) => e);
		expect(missing).toBeInstanceOf(PortalRefusalError);
		expect((missing as PortalRefusalError).code).toBe('NotFound');
		await refusedLocally(() => client.appointments.get('12 OR 1=1'), 'appointmentId');
	});
});

describe('appointments.create', () => {
	test('creates with every field, as the portal then holds it', async () => {
		const patient = firstPatient();
		const created = await client.appointments.create(newBooking('2026-12-03T07:05:00', { locationId: 3, telehealth: true, patientIds: [patient.encryptedId] }));
		expect(created).toMatchObject({ status: 'scheduled', type: 'therapySession', start: '2026-12-03T07:05', durationMinutes: 45, clinicianId: 1, patientIds: [patient.id], serviceCode: '90834', locationId: 3, telehealth: true, chargeFee: false });
		const [row] = await records(`id=${created.id}`);
		expect(row).toMatchObject({ start: '2026-12-03T07:05', type: 1, status: 0, locationId: 3, telehealth: true, patientIds: [patient.id] });
	});

	test('a lost answer: the booking is found on the calendar and returned, never made twice', async () => {
		await admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'scheduling/save', fault: 'drop', count: 1 }] });
		const saves = await hits('scheduling/save');
		const created = await client.appointments.create(newBooking('2026-12-04T07:10'));
		expect(await hits('scheduling/save')).toBe(saves + 1);
		const same = await records('start=2026-12-04T07:10&clinicianId=1');
		expect(same.map((a) => a.id)).toEqual([created.id]);
	});

	test('a 5xx: the calendar is searched, nothing is there, the error is reported and nothing resent', async () => {
		await admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'scheduling/save', fault: '5xx', count: 1 }] });
		const lookups = await hits('scheduling/loadschedule');
		const error = await client.appointments.create(newBooking('2026-12-07T07:15')).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalHttpError);
		expect(await hits('scheduling/loadschedule')).toBe(lookups + 1);
		expect(await records('start=2026-12-07T07:15&clinicianId=1')).toEqual([]);
	});

	test('bad input is refused before any request, naming the field', async () => {
		await refusedLocally(() => client.appointments.create(newBooking('2026-12-03T07:05Z')), 'start');
		await refusedLocally(() => client.appointments.create(newBooking('2026-12-03T07:05:15')), 'start');
		await refusedLocally(() => client.appointments.create(newBooking('2026-02-30T09:30')), 'start');
		await refusedLocally(() => client.appointments.create(newBooking('2026-12-03T07:05', { durationMinutes: 2 })), 'durationMinutes');
		await refusedLocally(() => client.appointments.create(newBooking('2026-12-03T07:05', { patientIds: [] })), 'patientIds');
		await refusedLocally(() => client.appointments.create(newBooking('2026-12-03T07:05', { serviceCode: undefined })), 'serviceCode');
		await refusedLocally(() => client.appointments.create(newBooking('2026-12-03T07:05', { type: 'session' })), 'type');
	});

	test('the portal’s own refusal names its field', async () => {
		const error = await client.appointments.create(newBooking('2026-12-03T07:45', { serviceCode: '99999' })).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalRefusalError);
		expect((error as PortalRefusalError).message).toContain('ServiceCode');
	});
});

describe('appointments.update and setStatus', () => {
	test('reschedule by EncryptedID changes only start and duration', async () => {
		const created = await client.appointments.create(newBooking('2026-12-08T07:20'));
		const moved = await client.appointments.update(created.encryptedId, { start: '2026-12-09T19:25', durationMinutes: 60 });
		expect(moved).toMatchObject({ id: created.id, start: '2026-12-09T19:25', durationMinutes: 60, serviceCode: '90834', patientIds: created.patientIds });
		expect((await records(`id=${created.id}`))[0]).toMatchObject({ start: '2026-12-09T19:25', durationMinutes: 60 });
		await refusedLocally(() => client.appointments.update(created.id, {}), 'changes');
	});

	test('missed with a fee, repeated: same result; a fee on Show is refused before any request', async () => {
		const created = await client.appointments.create(newBooking('2026-11-20T07:35'));
		const missed = await client.appointments.setStatus(created.id, 'missed', { chargeFee: true });
		expect(missed).toMatchObject({ status: 'missed', chargeFee: true });
		expect(await client.appointments.setStatus(created.id, 'missed', { chargeFee: true })).toEqual(missed);
		expect((await records(`id=${created.id}`))[0]).toMatchObject({ status: 2, chargeFee: true });
		await refusedLocally(() => client.appointments.setStatus(created.id, 'show', { chargeFee: true }), 'chargeFee');
		await refusedLocally(() => client.appointments.setStatus(created.id, 'noShow' as never), 'status');
		const late = await client.appointments.setStatus(created.encryptedId, 'lateCancelled');
		expect(late).toMatchObject({ status: 'lateCancelled', chargeFee: false });
	});

	test('a status change whose answer is lost is simply sent again (it is idempotent)', async () => {
		const created = await client.appointments.create(newBooking('2026-11-19T07:40'));
		await admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'scheduling/setstatus', fault: 'drop', count: 1 }] });
		const before = await hits('scheduling/setstatus');
		expect(await client.appointments.setStatus(created.id, 'cancelled', { chargeFee: true })).toMatchObject({ status: 'cancelled', chargeFee: true });
		expect(await hits('scheduling/setstatus')).toBe(before + 2);
	});
});

describe('appointments.telehealthLink', () => {
	async function telehealthAt(minutesFromNow: number) {
		const patientId = firstPatient().id;
		return admin(sandbox, 'POST', 'act/appointment-create', { patientId, start: addMinutes(sandbox.state.nowIso(), minutesFromNow), telehealth: true });
	}

	test('inside the window: the link and its window', async () => {
		const appointment = await telehealthAt(60);
		const link = await client.appointments.telehealthLink(appointment.encryptedId);
		expect(link).toMatchObject({ appointmentId: appointment.id, url: expect.stringMatching(/^https:\/\/telehealth\.sandbox\.local\/session\//) });
		expect(link.availableFrom).toBe(addMinutes(sandbox.state.store.appointments.get(appointment.id)!.start, -300));
	});

	test('outside the window and on a cancelled appointment: the portal’s reason', async () => {
		const far = await telehealthAt(6 * 60);
		const early = (await client.appointments.telehealthLink(far.id).catch((e: unknown) => e)) as PortalRefusalError;
		expect(early).toBeInstanceOf(PortalRefusalError);
		expect(early.code).toBe('OutsideSessionWindow');
		expect(early.message).toMatch(/too far away/);
		const soon = await telehealthAt(30);
		await client.appointments.setStatus(soon.id, 'cancelled');
		const cancelled = (await client.appointments.telehealthLink(soon.id).catch((e: unknown) => e)) as PortalRefusalError;
		expect(cancelled.code).toBe('AppointmentNotAvailable');
		expect(cancelled.message).toContain('Cancelled appointment');
	});
});

describe('a year of a 30-clinician practice', () => {
	let clinic: RunningSandbox;
	beforeAll(async () => {
		clinic = await withSandbox({ size: 'clinic' });
	}, 60_000);
	afterAll(() => clinic.close());

	test('about 50,000 appointments in one request, parsed once, in seconds', async () => {
		const big = clientFor(clinic);
		const to = '2026-11-26';
		const from = addDays(to, -364);
		const expected = [...clinic.state.store.appointments.values()].filter((a) => a.start.slice(0, 10) >= from && a.start.slice(0, 10) <= to).length;
		expect(expected).toBeGreaterThan(45_000);
		await big.appointments.get([...clinic.state.store.appointments.keys()][0]);
		const started = Date.now();
		const rows = await big.appointments.list({ from, to });
		const elapsed = Date.now() - started;
		expect(rows.length).toBe(expected);
		expect(await hits('scheduling/loadschedule', clinic)).toBe(1);
		expect(new Set(rows.map((r) => r.id)).size).toBe(expected);
		expect(rows.findIndex((row, i) => i > 0 && rows[i - 1].start > row.start)).toBe(-1);
		// Measured on the 2-core machine at about 1.5 s including the sandbox's own work.
		expect(elapsed).toBeLessThan(10_000);
	}, 60_000);
});
