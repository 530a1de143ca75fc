import { batchRanges, loadSchedule, scheduleCalls, splitDayRange, type WireAppointment } from '../../../lib/portal/appointments';
import { AppointmentsResource } from '../../../lib/client/resources/appointments';
import { PortalChangedError, PortalHttpError, WriteOutcomeUnknownError, type PortalCall } from '../../../lib/session';

describe('splitDayRange', () => {
	test('a range of up to 62 days is one piece; 63 days are two', () => {
		expect(splitDayRange({ from: '2026-01-01', to: '2026-01-01' })).toEqual([{ from: '2026-01-01', to: '2026-01-01' }]);
		expect(splitDayRange({ from: '2026-01-01', to: '2026-03-03' })).toEqual([{ from: '2026-01-01', to: '2026-03-03' }]);
		expect(splitDayRange({ from: '2026-01-01', to: '2026-03-04' })).toEqual([
			{ from: '2026-01-01', to: '2026-03-03' },
			{ from: '2026-03-04', to: '2026-03-04' },
		]);
	});

	test('a leap year is 6 pieces, back to back, every day exactly once', () => {
		const pieces = splitDayRange({ from: '2028-01-01', to: '2028-12-31' });
		expect(pieces).toHaveLength(6);
		expect(pieces[0].from).toBe('2028-01-01');
		expect(pieces[5].to).toBe('2028-12-31');
		let days = 0;
		pieces.forEach((piece, i) => {
			const span = (Date.parse(piece.to) - Date.parse(piece.from)) / 86_400_000 + 1;
			expect(span).toBeLessThanOrEqual(62);
			days += span;
			if (i > 0) expect(Date.parse(piece.from) - Date.parse(pieces[i - 1].to)).toBe(86_400_000);
		});
		expect(days).toBe(366);
		expect(pieces.map((p) => p.from)).toContain('2028-03-03');
	});
});

describe('scheduleCalls', () => {
	test('13 pieces make two requests of 12 and 1 ranges, in the portal’s date format, for one calendar', () => {
		expect(batchRanges(Array.from({ length: 25 }, (_, i) => ({ from: String(i), to: String(i) }))).map((b) => b.length)).toEqual([12, 12, 1]);
		const calls = scheduleCalls({ from: '2025-01-01', to: '2027-03-11' }, 4);
		expect(calls).toHaveLength(2);
		const sets = calls.map((call) => JSON.parse(call.form!.requestset) as { StartDate: string; EndDate: string; Calendar: number }[]);
		expect(sets.map((s) => s.length)).toEqual([12, 1]);
		expect(sets[0][0]).toEqual({ StartDate: '01/01/2025', EndDate: '03/03/2025', Calendar: 4 });
		expect(sets[1][0].EndDate).toBe('03/11/2027');
		expect(calls.every((call) => call.idempotent)).toBe(true);
		expect(JSON.parse(scheduleCalls({ from: '2026-01-01', to: '2026-01-02' })[0].form!.requestset)[0].Calendar).toBe(-1);
	});
});

describe('reading calendar items', () => {
	const item = {
		ID: 7,
		EncryptedID: 'AbCdEfGhIjKlMnOpQr',
		Status: 4,
		Type: 0,
		StartDate: '03/09/2026 12:05AM',
		Duration: 60,
		ClinicianID: 2,
		ServiceCode: null,
		LocationID: 1,
		LocationType: 0,
		IsTelehealth: false,
		ChargeFee: true,
		Patients: [{ ID: 1001, EncryptedID: 'PpPpPpPpPpPpPpPpPp', FirstName: 'A', LastName: 'B' }],
	};
	const read = (items: unknown[]) => loadSchedule([{ from: '2026-03-01', to: '2026-03-31' }]).parse({ status: 200, headers: {}, body: JSON.stringify({ CalendarItems: items }) });

	test('numbers become names, the portal time practice-local ISO, a missing code an empty one', () => {
		expect(read([item])).toEqual([
			{
				id: 7,
				encryptedId: 'AbCdEfGhIjKlMnOpQr',
				status: 'lateCancelled',
				type: 'therapyIntake',
				start: '2026-03-09T00:05',
				durationMinutes: 60,
				clinicianId: 2,
				patientIds: [1001],
				serviceCode: '',
				locationId: 1,
				telehealth: false,
				chargeFee: true,
				patients: [{ id: 1001, encryptedId: 'PpPpPpPpPpPpPpPpPp', firstName: 'A', lastName: 'B' }],
			},
		]);
	});

	test('linear in the number of items: 10 times the items take far less than 100 times as long', () => {
		const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...item, ID: i + 1, StartDate: `03/${String(1 + (i % 28)).padStart(2, '0')}/2026 ${1 + (i % 12)}:${i % 2 ? '30' : '00'}PM` }));
		const time = (items: unknown[]) => {
			const started = process.hrtime.bigint();
			expect(read(items)).toHaveLength(items.length);
			return Number(process.hrtime.bigint() - started) / 1e6;
		};
		time(many(5_000));
		const small = Math.min(time(many(5_000)), time(many(5_000)));
		const large = time(many(50_000));
		expect(large).toBeLessThan(30 * small + 100);
	});

	test.each([
		['Status', 9, 'CalendarItems.1.Status'],
		['Status', '1', 'CalendarItems.1.Status'],
		['StartDate', '2026-03-09T10:00', 'CalendarItems.1.StartDate'],
		['Duration', 45.5, 'CalendarItems.1.Duration'],
		['IsTelehealth', 'false', 'CalendarItems.1.IsTelehealth'],
		['Patients', [{ ID: 1 }], 'CalendarItems.1.Patients.0.EncryptedID'],
	])('a changed %s is a PortalChangedError naming the field', (key, value, field) => {
		const error = (() => {
			try {
				return read([item, { ...item, [key]: value }]);
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(PortalChangedError);
		expect(error).toMatchObject({ handler: 'scheduling/loadschedule', field });
	});
});

const booked: WireAppointment = {
	id: 501,
	encryptedId: 'AbCdEfGhIjKlMnOpQr',
	status: 'scheduled',
	type: 'therapySession',
	start: '2026-12-01T09:05',
	durationMinutes: 45,
	clinicianId: 3,
	patientIds: [1001],
	serviceCode: '90834',
	locationId: 1,
	telehealth: false,
	chargeFee: false,
	patients: [{ id: 1001, encryptedId: 'PpPpPpPpPpPpPpPpPp', firstName: 'A', lastName: 'B' }],
};

/** A session that answers by operation; `save` decides what each save attempt does. */
function stubSession(save: (attempt: number) => unknown, calendar: () => WireAppointment[]) {
	const sent: string[] = [];
	let saves = 0;
	const session = {
		request: async <T>(call: PortalCall<T>): Promise<T> => {
			sent.push(call.operation);
			if (call.operation === 'scheduling/save') return save(++saves) as T;
			if (call.operation === 'scheduling/loadschedule') return calendar() as T;
			if (call.operation === 'scheduling/get') return booked as T;
			throw new Error(`unexpected ${call.operation}`);
		},
	};
	return { resource: new AppointmentsResource(session), sent };
}

const input = { type: 'therapySession' as const, serviceCode: '90834', durationMinutes: 45, clinicianId: 3, patientIds: ['PpPpPpPpPpPpPpPpPp'], start: '2026-12-01T09:05' };
const lost = () => {
	throw new WriteOutcomeUnknownError('scheduling/save', 'socket hang up');
};

describe('create after a lost answer', () => {
	test('found on the calendar (matched by EncryptedID of the patient): returned, never resent', async () => {
		const { resource, sent } = stubSession(lost, () => [{ ...booked, id: 400, start: '2026-12-01T10:00' }, booked]);
		expect((await resource.create(input)).id).toBe(501);
		expect(sent).toEqual(['scheduling/save', 'scheduling/loadschedule']);
	});

	test('a cancelled or different booking in the same slot is not mistaken for it; surely absent → resent once', async () => {
		const { resource, sent } = stubSession(
			(attempt) => (attempt === 1 ? lost() : { id: 501, encryptedId: booked.encryptedId }),
			() => [{ ...booked, status: 'cancelled' }, { ...booked, type: 'consultation' }, { ...booked, patients: [] }],
		);
		expect((await resource.create(input)).id).toBe(501);
		expect(sent).toEqual(['scheduling/save', 'scheduling/loadschedule', 'scheduling/save', 'scheduling/get']);
	});

	test('lost twice and never found: reported after two sends', async () => {
		const { resource, sent } = stubSession(lost, () => []);
		await expect(resource.create(input)).rejects.toBeInstanceOf(WriteOutcomeUnknownError);
		expect(sent.filter((op) => op === 'scheduling/save')).toHaveLength(2);
	});

	test('a 5xx is looked up but never resent', async () => {
		const { resource, sent } = stubSession(() => {
			throw new PortalHttpError('scheduling/save', 500);
		}, () => []);
		await expect(resource.create(input)).rejects.toBeInstanceOf(PortalHttpError);
		expect(sent).toEqual(['scheduling/save', 'scheduling/loadschedule']);
	});
});
