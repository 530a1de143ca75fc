import { balanceScope, judgeBalances, overdueBalances } from '../../../lib/client/events/balanceChanges';
import type { BalanceWatchStateV2 } from '../../../lib/client/events/balanceWatch';
import { FingerprintSet } from '../../../lib/client/events/fingerprints';
import { ledgerListSpec } from '../../../lib/client/events/ledgerChanges';
import { MAX_SCAN_PAGES, scanRecent } from '../../../lib/client/events/recentScan';
import type { LedgerEntry, UnpaidSession } from '../../../lib/client';
import { pagedList } from '../../helpers/pagedList';

const session = (patientId: number, appointmentId: number, owedCents: number) => ({ patientId, patientEncryptedId: `p${patientId}`, appointmentId, owedCents, daysOutstanding: 40 }) as UnpaidSession;
const line = (n: number, patientId = 1000 + n, enteredAt = `2026-11-26T${String(10 + Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`): LedgerEntry => ({
	type: n % 2 ? 'payment' : 'charge',
	recordId: 5000 + n,
	patientId,
	patientEncryptedId: `p${patientId}`,
	amountCents: 7500,
	date: '2026-11-26',
	enteredAt,
});

describe('Balance Overdue: judging only the patients that moved', () => {
	test('a crossing fires once, a patient not judged keeps its standing, one that fell below leaves and a re-crossing is a new event', () => {
		const over = (id: number, cents: number, appointmentId = 10) => overdueBalances([session(id, appointmentId, cents)], 0);
		const start = judgeBalances(new FingerprintSet(), [...over(1, 20000), ...over(2, 20000)], [1, 2], 10000, '2026-11-26', false);
		expect(start.events).toEqual([]);
		expect(start.after.ids().sort()).toEqual([1, 2]);

		// Patient 2 is not judged (nothing moved it): it stays over without an event, whatever the balances say.
		const quiet = judgeBalances(start.after, [...over(1, 20000), ...over(3, 15000)], [1, 3], 10000, '2026-11-27', true);
		expect(quiet.events.map((e) => e.balance.patientId)).toEqual([3]);
		expect(quiet.after.ids().sort()).toEqual([1, 2, 3]);

		const paid = judgeBalances(quiet.after, [], [3], 10000, '2026-11-28', true);
		expect(paid.after.has(3)).toBe(false);
		const again = judgeBalances(paid.after, over(3, 15000), [3], 10000, '2026-11-29', true);
		expect(again.events.map((e) => e.balance.patientId)).toEqual([3]);
		expect(again.events[0].eventId).not.toBe(quiet.events[0].eventId);
		expect(judgeBalances(again.after, over(3, 16000, 11), [3], 10000, '2026-11-30', true).events).toEqual([]);
	});

	test('the worst case, every one of 5,000 patients over, with a page of transactions, stays under 64 KB', async () => {
		const sessions = Array.from({ length: 5000 }, (_, i) => session(i + 1, 100_000 + i * 3, 20000));
		const { after } = judgeBalances(new FingerprintSet(), overdueBalances(sessions, 0), sessions.map((s) => s.patientId), 100, '2026-11-26', false);
		const lines = Array.from({ length: 50 }, (_, i) => line(49 - i));
		const feed = await scanRecent(ledgerListSpec, async () => ({ rows: lines, pageCount: 1 }), null);
		const state: BalanceWatchStateV2 = { v: 2, scope: balanceScope(100, 30), over: after.encode(), cutoff: '2026-10-27', ledger: feed.next, fullPages: 200 };
		expect(FingerprintSet.decode(state.over).size).toBe(5000);
		expect(JSON.stringify(state).length).toBeLessThan(64 * 1024);
	});
});

describe('Balance Overdue: the billing transactions, newest first', () => {
	// The transactions report pages 50 lines at a time.
	const pages = (all: LedgerEntry[]) => pagedList(all, 50);

	test('a new line, or a charge re-entered by a status change, names its patient; a group charge is one line per patient', async () => {
		const base = Array.from({ length: 120 }, (_, i) => line(119 - i));
		const first = await scanRecent(ledgerListSpec, pages(base).read, null);
		const idle = pages(base);
		expect((await scanRecent(ledgerListSpec, idle.read, first.next)).changes).toEqual([]);
		expect(idle.reads).toEqual([1]);
		const group = { ...line(119), patientId: 7, patientEncryptedId: 'p7' };
		const reentered = { ...line(30), enteredAt: '2026-11-26T12:30' };
		const later = [reentered, group, ...base.filter((l) => l.recordId !== reentered.recordId)];
		const changed = await scanRecent(ledgerListSpec, pages(later).read, first.next);
		expect(changed.changes.map((c) => c.row.patientId).sort()).toEqual([7, reentered.patientId].sort());
		expect(changed.exhausted).toBe(false);
	});

	test('more new lines than the scan reads are flagged, so the poll reads the whole overdue list instead', async () => {
		const base = Array.from({ length: 60 }, (_, i) => line(59 - i));
		const first = await scanRecent(ledgerListSpec, pages(base).read, null);
		const flood = Array.from({ length: MAX_SCAN_PAGES * 50 + 10 }, (_, i) => line(20_000 - i, 1, '2026-11-27T09:00'));
		const result = await scanRecent(ledgerListSpec, pages([...flood, ...base]).read, first.next);
		expect(result.exhausted).toBe(true);
	});
});
