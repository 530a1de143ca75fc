import { balanceScope, diffBalances, overdueBalances } from '../../../lib/client/events/balanceChanges';
import { claimListSpec, claimStatusEvents } from '../../../lib/client/events/claimChanges';
import { FingerprintSet } from '../../../lib/client/events/fingerprints';
import { noteListSpec, noteSignedEvents } from '../../../lib/client/events/noteChanges';
import { patientCreatedEvents, patientListSpec } from '../../../lib/client/events/patientChanges';
import { MAX_SCAN_PAGES, scanRecent, type RecentListSpec, type RecentWatchState } from '../../../lib/client/events/recentScan';
import type { ClaimSummary, NoteSummary, PatientListRow, UnpaidSession } from '../../../lib/client';

/** A newest-first list of rows served 20 a page, counting the pages read. */
function list<T>(rows: T[]) {
	const reads: number[] = [];
	const read = async (page: number) => {
		reads.push(page);
		return { rows: rows.slice((page - 1) * 20, page * 20), pageCount: Math.max(1, Math.ceil(rows.length / 20)) };
	};
	return { read, reads };
}

interface Row {
	id: number;
	v: number;
	key: number;
}
const rowSpec: RecentListSpec<Row> = { idOf: (r) => r.id, printOf: (r) => r.v, keyOf: (r) => r.key };
const rows = (n: number, from = 1000) => Array.from({ length: n }, (_, i) => ({ id: from - i, v: 0, key: from - i }));

async function poll(all: Row[], previous: RecentWatchState | null) {
	const l = list(all);
	const result = await scanRecent(rowSpec, l.read, previous);
	return { ...result, reads: l.reads };
}

describe('newest-first scan to the anchor', () => {
	test('the first poll is a silent baseline of one page (and the next, to see where its last key ends); an idle poll reads one page', async () => {
		const first = await poll(rows(100), null);
		expect(first.changes).toEqual([]);
		expect(first.reads).toEqual([1, 2]);
		expect(first.rows).toHaveLength(40); // every row of the pages read is remembered
		const idle = await poll(rows(100), first.next);
		expect(idle.changes).toEqual([]);
		expect(idle.reads).toEqual([1]);
	});

	test('changes above the anchor are reported, across pages, and the anchor stops the reading', async () => {
		const first = (await poll(rows(100), null)).next;
		const moved = [...Array.from({ length: 25 }, (_, i) => ({ id: 500 - i, v: 1, key: 2000 - i })), ...rows(100)];
		const second = await poll(moved, first);
		expect(second.changes.map((c) => c.row.id)).toEqual(moved.slice(0, 25).map((r) => r.id));
		expect(second.changes.every((c) => c.previousPrint === undefined && !c.isNew)).toBe(true);
		expect(second.reads).toEqual([1, 2]);
		expect((await poll(moved, second.next)).changes).toEqual([]);
	});

	test('after an idle poll the top row changes again: only it is reported, not the rows under it', async () => {
		const first = (await poll(rows(100), null)).next;
		const idle = (await poll(rows(100), first)).next;
		const changed = [{ id: 1000, v: 1, key: 2000 }, ...rows(99, 999)];
		const result = await poll(changed, idle);
		expect(result.changes.map((c) => [c.row.id, c.previousPrint])).toEqual([[1000, 0]]);
		expect(result.reads).toEqual([1]);
	});

	test('a row sharing the anchor key but below it is still compared (a change in the same clock tick)', async () => {
		const base = [{ id: 10, v: 0, key: 5 }, { id: 9, v: 0, key: 5 }, { id: 8, v: 0, key: 4 }];
		const first = (await poll(base, null)).next;
		const after = [{ id: 10, v: 0, key: 5 }, { id: 9, v: 1, key: 5 }, { id: 8, v: 0, key: 4 }];
		expect((await poll(after, first)).changes.map((c) => [c.row.id, c.previousPrint])).toEqual([[9, 0]]);
	});

	test('a baseline whose first page ends inside a group sharing one key (an ERA paying 30 claims) reads the group to its end', async () => {
		const batch = Array.from({ length: 30 }, (_, i) => ({ id: 900 - i, v: 0, key: 77 }));
		const list = [...batch, ...rows(50, 500)];
		const first = await poll(list, null);
		expect(first.reads).toEqual([1, 2]);
		expect(first.rows.map((r) => r.id)).toEqual(list.slice(0, 40).map((r) => r.id));
		// One claim of the batch changes: it alone is reported, not the batch rows past the first page.
		const changed = [{ id: 890, v: 1, key: 78 }, ...batch.filter((r) => r.id !== 890), ...rows(50, 500)];
		expect((await poll(changed, first.next)).changes.map((c) => c.row.id)).toEqual([890]);
	});

	test('a burst with no anchor stops after the page limit; the state stays the rows read', async () => {
		const first = (await poll(rows(40), null)).next;
		const burst = rows(MAX_SCAN_PAGES * 20 + 100, 5000);
		const result = await poll(burst, first);
		expect(result.reads).toHaveLength(MAX_SCAN_PAGES);
		expect(FingerprintSet.decode(result.next.prints).size).toBe(MAX_SCAN_PAGES * 20);
	});
});

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
