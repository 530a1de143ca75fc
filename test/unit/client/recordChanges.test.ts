import { balanceScope, diffBalances, overdueBalances } from '../../../lib/client/events/balanceChanges';
import { claimListSpec, claimStatusEvents } from '../../../lib/client/events/claimChanges';
import { noteListSpec, noteSignedEvents } from '../../../lib/client/events/noteChanges';
import { patientCreatedEvents, patientListSpec } from '../../../lib/client/events/patientChanges';
import { scanRecent } from '../../../lib/client/events/recentScan';
import type { ClaimSummary, NoteSummary, PatientListRow, UnpaidSession } from '../../../lib/client';
import { pagedList as list } from '../../helpers/pagedList';

describe('record events', () => {
	test('Patient Created: only ids above the watermark, keyed by id alone', async () => {
		const patient = (id: number) => ({ id, encryptedId: `e${id}`, firstName: 'A', middleName: '', lastName: 'B', dateOfBirth: '1990-01-01', assignedClinicianIds: [1], insuranceProvider: '' }) as PatientListRow;
		const l1 = list([patient(3), patient(2), patient(1)]);
		const first = (await scanRecent(patientListSpec, l1.read, null)).next;
		const l2 = list([patient(5), patient(4), patient(3), patient(2), patient(1)]);
		const events = patientCreatedEvents((await scanRecent(patientListSpec, l2.read, first)).changes);
		expect(events.map((e) => [e.record.id, e.eventId])).toEqual([[5, 'patient.created:5:new'], [4, 'patient.created:4:new']]);
	});

	const note = (id: number, o: Partial<NoteSummary> = {}) => ({ id, status: 'signed', signedAt: '2026-11-01T10:00:00', signerId: 4, supervisorApprovedAt: null, ...o }) as NoteSummary;
	test('Note Signed: a co-signature is the event; the key follows the signature state', async () => {
		const first = (await scanRecent(noteListSpec, list([note(1)]).read, null)).next;
		const cosigned = note(2, { signedAt: '2026-11-02T10:00:00', supervisorApprovedAt: '2026-11-03T09:00:00' });
		const { changes } = await scanRecent(noteListSpec, list([cosigned, note(1)]).read, first);
		const [event] = noteSignedEvents(changes);
		expect(event.record.id).toBe(2);
		expect(event.eventId).toBe(noteSignedEvents(changes)[0].eventId);
		expect(event.idempotencyKey).toMatch(/^tn-[0-9a-f]{40}$/);
	});

	const claim = (id: number, status: ClaimSummary['status'], updatedAt: string) => ({ id, status, updatedAt, rejectionCodes: [], paidCents: 0, eraId: null }) as unknown as ClaimSummary;
	test('Claim Status Changed: previous status from the fingerprint; unseen claims have none; a new claim is not a change', async () => {
		const first = (await scanRecent(claimListSpec, list([claim(1, 'submitted', '2026-11-01T00:00:00')]).read, null)).next;
		const now = [claim(7, 'created', '2026-11-03T00:00:00'), claim(1, 'accepted', '2026-11-02T00:00:00'), claim(2, 'paid', '2026-11-02T00:00:00')];
		const events = claimStatusEvents((await scanRecent(claimListSpec, list(now).read, first)).changes);
		expect(events.map((e) => [e.record.id, e.record.status, e.previousStatus])).toEqual([[1, 'accepted', 'submitted'], [2, 'paid', null]]);
	});
});

describe('Balance Overdue', () => {
	const session = (patientId: number, appointmentId: number, owedCents: number, daysOutstanding: number) => ({ patientId, patientEncryptedId: `p${patientId}`, appointmentId, owedCents, daysOutstanding }) as UnpaidSession;

	test('sums charges at least N days old per patient', () => {
		const [b] = overdueBalances([session(1, 10, 5000, 40), session(1, 11, 3000, 10), session(1, 12, 2000, 31)], 30);
		expect(b).toMatchObject({ patientId: 1, overdueCents: 7000, oldestDaysOutstanding: 40, appointmentIds: [10, 12] });
	});

	test('one event on crossing, none while over, another only after dropping below; a new threshold is a new baseline', () => {
		const at = (cents: number, appointmentId = 10) => overdueBalances([session(1, appointmentId, cents, 40)], 30);
		let state = diffBalances(null, at(20000), 10000, 30).next;
		expect(diffBalances(state, at(20000), 10000, 30).events).toEqual([]);
		state = diffBalances(state, at(5000), 10000, 30).next;
		const crossed = diffBalances(state, at(15000, 11), 10000, 30);
		expect(crossed.events.map((e) => e.balance.patientId)).toEqual([1]);
		const again = diffBalances(crossed.next, at(16000, 11), 10000, 30);
		expect(again.events).toEqual([]);
		expect(diffBalances(again.next, at(16000, 12), 10000, 30).events).toEqual([]);
		expect(diffBalances(again.next, at(100000), 50000, 30).events).toEqual([]);
		expect(diffBalances(again.next, at(100000), 50000, 30).next.scope).toBe(balanceScope(50000, 30));
	});

	test('the worst case, every one of 5,000 patients over the threshold, stays under 64 KB', () => {
		const sessions = Array.from({ length: 5000 }, (_, i) => session(i + 1, 100_000 + i * 3, 20000, 45));
		const { next } = diffBalances({ v: 1, scope: balanceScope(100, 30), over: '' }, overdueBalances(sessions, 30), 100, 30);
		expect(JSON.stringify(next).length).toBeLessThan(64 * 1024);
	});
});
