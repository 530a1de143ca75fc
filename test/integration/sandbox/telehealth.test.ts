import type { RunningSandbox } from '../../../sandbox/server';
import { addMinutes } from '../../../sandbox/util/dates';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import type { RawPortalClient } from '../../helpers/portalClient';

const LINK = ['/app/telehealth/getsessionlink.aspx', 2] as const;
const URL_SHAPE = /^https:\/\/telehealth\.sandbox\.local\/session\/[A-Za-z0-9_-]{16,}$/;

let sandbox: RunningSandbox;
let client: RawPortalClient;
beforeEach(async () => {
	sandbox = await withSandbox();
	// Start each test one second into a minute: appointment times are whole minutes, and the
	// ±1-minute edges below must not be blurred by a minute turning over mid-test.
	const seconds = new Date(sandbox.state.clock.nowMs()).getUTCSeconds();
	await admin(sandbox, 'POST', 'clock', { advanceMs: (61 - seconds) * 1000 });
	client = await loggedInClient(sandbox, 'plain');
});
afterEach(() => sandbox.close());

/** A new appointment starting `minutesFromNow` from the sandbox's (minute-truncated) now. */
async function appointmentAt(minutesFromNow: number, telehealth = true): Promise<{ id: number; encryptedId: string }> {
	const patientId = [...sandbox.state.store.patients.keys()][0];
	const created = await admin(sandbox, 'POST', 'act/appointment-create', { patientId, start: addMinutes(sandbox.state.nowIso(), minutesFromNow), telehealth });
	return { id: created.id, encryptedId: created.encryptedId };
}

const linkFor = (id: number | string) => client.call(...LINK, { calendarentryid: String(id) });

describe('telehealth session links', () => {
	test('4h59 before the start a link is given, stable, by either id', async () => {
		const appointment = await appointmentAt(4 * 60 + 59);
		const answer = await linkFor(appointment.id);
		expect(answer).toMatchObject({ Success: true, Result: 1, CalendarEntryID: appointment.id, Url: expect.stringMatching(URL_SHAPE) });
		expect((await linkFor(appointment.encryptedId)).Url).toBe(answer.Url);
		const other = await appointmentAt(4 * 60 + 59);
		expect((await linkFor(other.id)).Url).not.toBe(answer.Url);
	});

	test('5h01 before the start is refused with the window; two minutes later it opens', async () => {
		const appointment = await appointmentAt(5 * 60 + 1);
		const refused = await linkFor(appointment.id);
		expect(refused).toMatchObject({ Success: false, Result: 0, ErrorCode: 'OutsideSessionWindow', AvailableFrom: expect.any(String) });
		expect(String(refused.ErrorMessage)).toMatch(/too far away/);
		expect(refused.Url).toBeUndefined();
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 2 });
		expect(await linkFor(appointment.id)).toMatchObject({ Success: true, Url: expect.stringMatching(URL_SHAPE) });
	});

	test('4h59 after the start is allowed, 5h01 after is refused', async () => {
		const recent = await appointmentAt(-(4 * 60 + 59));
		const old = await appointmentAt(-(5 * 60 + 1));
		expect(await linkFor(recent.id)).toMatchObject({ Success: true });
		const refused = await linkFor(old.id);
		expect(refused).toMatchObject({ Success: false, ErrorCode: 'OutsideSessionWindow' });
		expect(String(refused.ErrorMessage)).toMatch(/too long ago/);
	});

	test.each([
		[2, 'Missed'],
		[3, 'Cancelled'],
		[4, 'Late Cancelled'],
	])('status %i (%s) is refused even inside the window', async (status, name) => {
		const appointment = await appointmentAt(30);
		await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: appointment.id, status });
		const refused = await linkFor(appointment.id);
		expect(refused).toMatchObject({ Success: false, ErrorCode: 'AppointmentNotAvailable', Status: status });
		expect(String(refused.ErrorMessage)).toContain(`${name} appointment`);
	});

	test('an in-office appointment is refused; an unknown one is not found', async () => {
		const office = await appointmentAt(10, false);
		expect(await linkFor(office.id)).toMatchObject({ Success: false, ErrorCode: 'NotTelehealth' });
		expect(await linkFor(987654)).toMatchObject({ Success: false, ErrorCode: 'NotFound' });
	});
});
