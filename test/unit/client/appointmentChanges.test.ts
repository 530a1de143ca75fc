import { diffAppointments, type AppointmentSnapshot } from '../../../lib/client/events/appointmentChanges';

const base = (id: number, overrides: Partial<AppointmentSnapshot> = {}): AppointmentSnapshot => ({
	id,
	status: 'scheduled',
	type: 'therapySession',
	start: '2026-12-01T10:00',
	durationMinutes: 45,
	clinicianId: 4,
	patientIds: [1001],
	serviceCode: '90834',
	locationId: 1,
	telehealth: false,
	chargeFee: false,
	...overrides,
});

describe('appointment change detection', () => {
	test('the first poll is a silent baseline', () => {
		const { changes, next } = diffAppointments(null, [base(1), base(2)]);
		expect(changes).toEqual([]);
		expect(next.maxId).toBe(2);
	});

	test('a new id above the watermark is created; a status change is statusChanged and updated; a time change is updated', () => {
		const first = diffAppointments(null, [base(1), base(2)]).next;
		const { changes } = diffAppointments(first, [base(1, { status: 'missed', chargeFee: true }), base(2, { start: '2026-12-02T11:00' }), base(3)]);
		expect(changes.map((c) => [c.kind, c.appointment.id, c.previousStatus])).toEqual([
			['statusChanged', 1, 'scheduled'],
			['updated', 1, 'scheduled'],
			['updated', 2, 'scheduled'],
			['created', 3, null],
		]);
	});

	test('nothing changed → nothing reported; an old id sliding into the window is recorded silently', () => {
		const first = diffAppointments(null, [base(5), base(9)]).next;
		expect(diffAppointments(first, [base(5), base(9)]).changes).toEqual([]);
		const slid = diffAppointments(first, [base(5), base(9), base(7)]);
		expect(slid.changes).toEqual([]);
		expect(diffAppointments(slid.next, [base(5), base(9), base(7, { status: 'show' })]).changes.map((c) => c.kind)).toEqual(['statusChanged', 'updated']);
	});

	test('the same change gets the same event id and idempotency key, whoever sees it', () => {
		const first = diffAppointments(null, [base(1)]).next;
		const a = diffAppointments(first, [base(1, { status: 'show' })]).changes[0];
		const b = diffAppointments(JSON.parse(JSON.stringify(first)), [base(1, { status: 'show' })]).changes[0];
		expect(a.eventId).toBe(b.eventId);
		expect(a.idempotencyKey).toBe(b.idempotencyKey);
		expect(a.idempotencyKey).toMatch(/^tn-[0-9a-f]{40}$/);
		const other = diffAppointments(first, [base(1, { status: 'missed' })]).changes[0];
		expect(other.idempotencyKey).not.toBe(a.idempotencyKey);
	});

	test('patient order does not count as a change', () => {
		const first = diffAppointments(null, [base(1, { patientIds: [3, 4] })]).next;
		expect(diffAppointments(first, [base(1, { patientIds: [4, 3] })]).changes).toEqual([]);
	});
});
