import type { INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { PolledTrigger } from '../../helpers/n8n/poll';
import { admin, sandboxDay, withSandbox } from '../../helpers/sandbox';
import { sandboxCredential, setFaults, stats } from './fixtures';

// The polling trigger run by n8n-core's PollContext against the sandbox over real HTTP, with the
// node's static data kept between polls (and across a simulated restart) as n8n keeps it.

jest.setTimeout(120_000);

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

const trigger = (parameters: INodeParameters) => new PolledTrigger(n8n.credentialsHelper, parameters, credential);
const scheduledInWindow = () =>
	[...sandbox.state.store.appointments.values()].filter((a) => a.status === 0 && a.start >= sandboxDay(sandbox) && a.start < sandboxDay(sandbox, 55)).sort((a, b) => a.id - b.id);
const markStatus = (appointmentId: number, status: number, chargeFee = false) => admin(sandbox, 'POST', 'act/appointment-status', { appointmentId, status, chargeFee });

describe('trigger: appointment events, exactly once', () => {
	test('the first poll is a baseline; one no-show gives one event with a stable idempotency key', async () => {
		const polled = trigger({ event: 'appointmentStatusChanged', statuses: ['missed', 'lateCancelled'] });
		expect(await polled.poll()).toBeNull();
		const target = scheduledInWindow()[0];
		await markStatus(target.id, 2, true);
		const items = await polled.poll();
		expect(items).toHaveLength(1);
		expect(items![0].json).toMatchObject({ event: 'appointmentStatusChanged', appointmentId: target.id, status: 'missed', previousStatus: 'scheduled', chargeFee: true });
		expect(items![0].json.idempotencyKey).toMatch(/^tn-[0-9a-f]{40}$/);
		expect(items![0].json).not.toHaveProperty('patients');
		expect(await polled.poll()).toBeNull();
	});

	test('the status filter holds: a Show is not a no-show event', async () => {
		const polled = trigger({ event: 'appointmentStatusChanged', statuses: ['missed'] });
		await polled.poll();
		await markStatus(scheduledInWindow()[0].id, 1);
		expect(await polled.poll()).toBeNull();
	});

	test('200 changes spread over 10 polls give 200 events, none twice', async () => {
		const group = await withSandbox({ size: 'group' });
		try {
			const polled = new PolledTrigger(n8n.credentialsHelper, { event: 'appointmentUpdated' }, await n8n.addCredential(sandboxCredential(group), 'group'));
			await polled.poll();
			const targets = [...group.state.store.appointments.values()].filter((a) => a.status === 0 && a.start >= sandboxDay(group) && a.start < sandboxDay(group, 55)).slice(0, 200);
			expect(targets).toHaveLength(200);
			const seen: string[] = [];
			for (let batch = 0; batch < 10; batch++) {
				for (const a of targets.slice(batch * 20, batch * 20 + 20)) {
					await admin(group, 'POST', 'act/appointment-status', { appointmentId: a.id, status: batch % 2 ? 1 : 3 });
				}
				seen.push(...((await polled.poll()) ?? []).map((item) => String(item.json.eventId)));
			}
			expect(seen).toHaveLength(200);
			expect(new Set(seen).size).toBe(200);
			expect(await polled.poll()).toBeNull();
		} finally {
			await group.close();
		}
	});

	test('a restart between polls emits no duplicate, and a change after it is caught', async () => {
		const polled = trigger({ event: 'appointmentStatusChanged' });
		await polled.poll();
		const [first, second] = scheduledInWindow();
		await markStatus(first.id, 2);
		expect(await polled.poll()).toHaveLength(1);
		polled.restart();
		expect(await polled.poll()).toBeNull();
		await markStatus(second.id, 3);
		expect((await polled.poll())?.map((item) => item.json.appointmentId)).toEqual([second.id]);
	});

	test('a poll that fails part-way emits nothing and loses nothing; an expired session is renewed', async () => {
		const polled = trigger({ event: 'appointmentStatusChanged' });
		await polled.poll();
		const before = polled.savedStaticData();
		const target = scheduledInWindow()[0];
		await markStatus(target.id, 4, true);
		await setFaults(sandbox, [{ handler: 'scheduling/loadschedule', fault: '5xx' }]);
		await expect(polled.poll()).rejects.toThrow(/HTTP 500/);
		expect(polled.savedStaticData()).toEqual(before);
		await setFaults(sandbox, []);
		await admin(sandbox, 'POST', 'sessions/expire');
		const items = await polled.poll();
		expect(items?.map((item) => [item.json.appointmentId, item.json.status])).toEqual([[target.id, 'lateCancelled']]);
	});

	test('dropped answers: a poll whose schedule answers are all cut fails and loses nothing; one cut answer is retried; each change once', async () => {
		const polled = trigger({ event: 'appointmentStatusChanged' });
		await polled.poll();
		const before = polled.savedStaticData();
		const [first, second] = scheduledInWindow();
		await markStatus(first.id, 2, true);
		await setFaults(sandbox, [{ handler: 'scheduling/loadschedule', fault: 'drop' }]);
		await expect(polled.poll()).rejects.toThrow(/Could not reach TherapyNotes/);
		expect(polled.savedStaticData()).toEqual(before);
		await setFaults(sandbox, []);
		expect((await polled.poll())?.map((item) => [item.json.appointmentId, item.json.status])).toEqual([[first.id, 'missed']]);
		await markStatus(second.id, 3);
		await setFaults(sandbox, [{ handler: 'scheduling/loadschedule', fault: 'drop', count: 1 }]);
		expect((await polled.poll())?.map((item) => [item.json.appointmentId, item.json.status])).toEqual([[second.id, 'cancelled']]);
		await setFaults(sandbox, []);
		expect(await polled.poll()).toBeNull();
	});

	test('a poll that starts while a slow one still runs emits nothing and sends nothing; each change once', async () => {
		const polled = trigger({ event: 'appointmentStatusChanged' });
		await polled.poll();
		const target = scheduledInWindow()[0];
		await markStatus(target.id, 2, true);
		await setFaults(sandbox, [{ handler: 'scheduling/loadschedule', fault: 'latency', latencyMs: 1500 }]);
		const slow = polled.poll();
		await new Promise((resolve) => setTimeout(resolve, 400));
		const before = (await stats(sandbox)).totalRequests;
		expect(await polled.poll()).toBeNull();
		expect((await stats(sandbox)).totalRequests).toBe(before);
		expect((await slow)?.map((item) => [item.json.appointmentId, item.json.status])).toEqual([[target.id, 'missed']]);
		await setFaults(sandbox, []);
		expect(await polled.poll()).toBeNull();
	});

	test('an idle poll makes one portal request once logged in; manual mode returns one sample event', async () => {
		const polled = trigger({ event: 'appointmentCreated' });
		await polled.poll();
		const before = (await stats(sandbox)).totalRequests;
		expect(await polled.poll()).toBeNull();
		expect((await stats(sandbox)).totalRequests - before).toBe(1);
		const sample = await polled.poll('manual');
		expect(sample).toHaveLength(1);
		expect(sample![0].json).toMatchObject({ event: 'appointmentCreated' });
		const created = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: [...sandbox.state.store.patients.keys()][0], start: `${sandboxDay(sandbox, 14)}T15:00` });
		expect((await polled.poll())?.map((item) => item.json.appointmentId)).toEqual([created.id]);
	});
});

describe('trigger: state size', () => {
	test('static data for the clinic size (30 clinicians, a year of appointments) stays under 64 KB', async () => {
		const clinic = await withSandbox({ size: 'clinic' });
		try {
			const clinicCredential = await n8n.addCredential(sandboxCredential(clinic), 'clinic');
			const polled = new PolledTrigger(n8n.credentialsHelper, { event: 'appointmentUpdated' }, clinicCredential);
			expect(await polled.poll()).toBeNull();
			const bytes = JSON.stringify(polled.savedStaticData()).length;
			expect(bytes).toBeLessThan(64 * 1024);
			expect(bytes).toBeGreaterThan(10_000);
		} finally {
			await clinic.close();
		}
	});
});
