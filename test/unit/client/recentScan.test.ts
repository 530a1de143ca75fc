import { FingerprintSet } from '../../../lib/client/events/fingerprints';
import { dayKeyPeriod, minuteKeyPeriod, PracticeClock, SETTLE_MARGIN } from '../../../lib/client/events/practiceClock';
import { MAX_SCAN_PAGES, scanRecent, type RecentListSpec, type RecentWatchState } from '../../../lib/client/events/recentScan';
import { pagedList } from '../../helpers/pagedList';

const MINUTE = 60_000;

/** A row whose sort key is the minute (practice wall time) it last changed. */
interface Row {
	id: number;
	v: number;
	key: number;
}
const rowSpec: RecentListSpec<Row> = {
	idOf: (r) => r.id,
	printOf: (r) => r.v,
	keyOf: (r) => r.key,
	keyPeriod: (key) => ({ start: Number(key) * MINUTE, end: (Number(key) + 1) * MINUTE }),
};
/** n rows, one a minute, the newest at minute `from`. */
const rows = (n: number, from = 1000) => Array.from({ length: n }, (_, i) => ({ id: from - i, v: 0, key: from - i }));
/** n rows changed in the same minute (an ERA paying n claims), ids from `fromId` down. */
const batch = (n: number, key: number, fromId = 900) => Array.from({ length: n }, (_, i) => ({ id: fromId - i, v: 0, key }));
/** Minutes after which a key has certainly passed, once the bound is learned. */
const LATER = SETTLE_MARGIN / MINUTE + 30;

/** One poll at this machine's minute `at` (the practice's clock runs `behind` minutes behind it). */
async function poll(all: Row[], previous: RecentWatchState | null, at: number, behind = 0) {
	const l = pagedList(all);
	const result = await scanRecent(rowSpec, l.read, previous, () => (at + behind) * MINUTE);
	return { ...result, reads: l.reads, reported: result.changes.map((c) => [c.row.id, c.previousPrint ?? null]) };
}

describe('newest-first scan to the anchor', () => {
	test('the first poll is a silent baseline; it and idle polls read on past page 1 only while its last key can still be current', async () => {
		const first = await poll(rows(100), null, 1000.5);
		expect(first.reported).toEqual([]);
		expect(first.reads).toEqual([1, 2]); // minute 981 might go on past page 1
		expect(first.rows.map((r) => r.id)).toEqual(rows(20).map((r) => r.id));
		const soon = await poll(rows(100), first.next, 1001);
		expect([soon.reported, soon.reads]).toEqual([[], [1, 2]]);
		const later = await poll(rows(100), soon.next, 1000 + LATER);
		expect([later.reported, later.reads]).toEqual([[], [1]]);
	});

	test('changes above the anchor are reported, across pages, and the anchor stops the reading', async () => {
		const first = (await poll(rows(100), null, 1000.5)).next;
		const moved = [...Array.from({ length: 25 }, (_, i) => ({ id: 500 - i, v: 1, key: 1199 - i })), ...rows(100)];
		const second = await poll(moved, first, 1200);
		expect(second.reported).toEqual(moved.slice(0, 25).map((r) => [r.id, null]));
		expect(second.changes.every((c) => !c.isNew)).toBe(true);
		expect(second.reads).toEqual([1, 2]);
		expect((await poll(moved, second.next, 1201)).reported).toEqual([]);
	});

	test.each([
		['can still be current', 1000.5],
		['has passed', 1000 + LATER],
	])('after idle polls the top row changes again: only it is reported, not the rows under it (their minute %s)', async (_, at) => {
		let state = (await poll(rows(100), null, at)).next;
		state = (await poll(rows(100), state, at + 1)).next;
		state = (await poll(rows(100), state, at + 2)).next;
		const changed = [{ id: 1000, v: 1, key: Math.floor(at + 3) }, ...rows(99, 999)];
		const result = await poll(changed, state, at + 3.5);
		expect(result.reported).toEqual([[1000, 0]]);
	});

	test('a row sharing the anchor key but below it is compared while that minute can still be current (a change in the same clock tick)', async () => {
		const base = [
			{ id: 10, v: 0, key: 5 },
			{ id: 9, v: 0, key: 5 },
			{ id: 8, v: 0, key: 4 },
		];
		const first = (await poll(base, null, 5.2)).next;
		const after = [base[0], { id: 9, v: 1, key: 5 }, base[2]];
		expect((await poll(after, first, 5.8)).reported).toEqual([[9, 0]]);
	});

	test('the practice clock hours behind this machine (a zone n8n was not told): same-minute changes are still compared', async () => {
		const behind = 5 * 60;
		const list = [...batch(30, 77), ...rows(50, 76)];
		const first = (await poll(list, null, 77.2, behind)).next;
		const after = list.map((r) => (r.id === 875 ? { ...r, v: 1 } : r)); // page 2, same minute, after the poll
		const result = await poll(after, first, 77.8, behind);
		expect(result.reported).toEqual([[875, 0]]);
	});

	test('the top group of 30 rows sharing a minute (an ERA paying 30 claims): read whole while its minute can be current, then an idle poll reads one page', async () => {
		const list = [...batch(30, 77), ...rows(50, 76)];
		const first = await poll(list, null, 77.5);
		expect(first.reads).toEqual([1, 2]);
		expect(first.rows).toHaveLength(30);
		const soon = await poll(list, first.next, 78);
		expect(soon.reported).toEqual([]);
		expect(soon.reads.length).toBeGreaterThan(1);
		const later = await poll(list, soon.next, 77 + LATER);
		expect(later.reads.length).toBeGreaterThan(1); // the last poll was still inside the minute's margin
		const settled = await poll(list, later.next, 78 + LATER);
		expect([settled.reported, settled.reads]).toEqual([[], [1]]);
		// One claim of the batch changes: it alone is reported, not the batch rows past the first page.
		const changed = [{ id: 890, v: 1, key: 79 + LATER }, ...list.filter((r) => r.id !== 890)];
		expect((await poll(changed, settled.next, 79.5 + LATER)).reported).toEqual([[890, 0]]);
	});

	test.each([
		['can still be current', 100.5],
		['has passed', 100 + LATER],
	])('the newest row changes again while a 30-row group sits under it (its minute %s): one change, not the group past page 1', async (_, at) => {
		const list = [{ id: 950, v: 0, key: 100 }, ...batch(30, 77), ...rows(50, 76)];
		let state = (await poll(list, null, at)).next;
		state = (await poll(list, state, at + 1)).next;
		state = (await poll(list, state, at + 2)).next;
		const changed = [{ id: 950, v: 1, key: Math.floor(at + 3) }, ...list.slice(1)];
		expect((await poll(changed, state, at + 3.5)).reported).toEqual([[950, 0]]);
	});

	test('a group older than any zone allows is settled before any bound is learned (the weekly ERA, seen on a Saturday)', async () => {
		const list = [...batch(600, 0), ...rows(50, -1)];
		const first = await poll(list, null, 14 * 60);
		expect(first.reads).toEqual([1]);
		const idle = await poll(list, first.next, 14 * 60 + 1);
		expect([idle.reported, idle.reads]).toEqual([[], [1]]);
	});

	test('a state kept by the version before (no poll time, a group cut at page 1) is read as if its poll were just now: the rows it cut off are not reported', async () => {
		const at = 77 + 14 * 60; // the 30-row group is 14 hours old, older than any zone allows
		const top = { id: 950, v: 0, key: at - 10 };
		const list = [top, ...batch(30, 77), ...rows(50, 76)];
		const kept = new FingerprintSet();
		for (const row of list.slice(0, 20)) kept.set(row.id, row.v);
		const legacy: RecentWatchState = { v: 1, prints: kept.encode(), maxId: 950 };
		const changed = [{ ...top, v: 1, key: at }, ...list.slice(1)];
		const result = await poll(changed, legacy, at + 0.5);
		expect(result.reported).toEqual([[950, 0]]);
		expect(result.next.polledAt).toBe((at + 0.5) * MINUTE);
	});

	test('a bound raised too far (this machine’s clock 3 hours slow for one poll) falls back, and same-minute changes are compared again', async () => {
		const list = rows(50, 100);
		const slow = await poll(list, null, 100.2 - 180);
		expect(slow.next.clockOffset).toBeGreaterThan(179 * MINUTE);
		const idle = await poll(list, slow.next, 100 + 12 * 60);
		const minute = 100 + 12 * 60 + 1;
		const first = [{ id: 90, v: 1, key: minute }, ...list.filter((r) => r.id !== 90)];
		const seen = await poll(first, idle.next, minute + 0.2);
		expect(seen.reported).toEqual([[90, 0]]);
		const second = [first[0], { id: 85, v: 1, key: minute }, ...first.slice(1).filter((r) => r.id !== 85)];
		expect((await poll(second, seen.next, minute + 0.8)).reported).toEqual([[85, 0]]);
	});

	test('a burst with no anchor stops after the page limit; the state stays the rows read', async () => {
		const first = (await poll(rows(40), null, 1000.5)).next;
		const burst = rows(MAX_SCAN_PAGES * 20 + 100, 5000);
		const result = await poll(burst, first, 5000.5);
		expect(result.reads).toHaveLength(MAX_SCAN_PAGES);
		expect(result.exhausted).toBe(true);
		expect(FingerprintSet.decode(result.next.prints).size).toBe(MAX_SCAN_PAGES * 20);
	});

	test('a group longer than the page limit is read up to the limit', async () => {
		const first = await poll([...batch(MAX_SCAN_PAGES * 20 + 40, 77), ...rows(10, 76)], null, 77.5);
		expect(first.reads).toHaveLength(MAX_SCAN_PAGES);
	});
});

describe('practice clock', () => {
	test('key periods: a minute, a day; anything else is unknown and never settled', () => {
		expect(minuteKeyPeriod('2026-11-27T06:00')).toEqual({ start: Date.UTC(2026, 10, 27, 6, 0), end: Date.UTC(2026, 10, 27, 6, 1) });
		expect(minuteKeyPeriod('2026-11-27T06:00:59')?.start).toBe(Date.UTC(2026, 10, 27, 6, 0));
		expect(dayKeyPeriod('2026-11-27')).toEqual({ start: Date.UTC(2026, 10, 27), end: Date.UTC(2026, 10, 28) });
		for (const bad of ['', '2026-11-27', 'yesterday', 42]) expect(minuteKeyPeriod(bad)).toBeUndefined();
		for (const bad of ['2026-11-27T06:00', '11/27/2026', 7]) expect(dayKeyPeriod(bad)).toBeUndefined();
		expect(PracticeClock.fromState(0).settledBy(undefined, Date.UTC(2030, 0, 1))).toBe(false);
	});

	test('the bound only rises, stays within the zones in use, and a corrupt stored one is ignored', () => {
		const at = Date.UTC(2026, 10, 27, 12, 0);
		const clock = PracticeClock.fromState('x');
		expect(clock.learnedOffset).toBe(-12 * 60 * MINUTE);
		clock.learn(minuteKeyPeriod('2026-11-27T07:00'), at);
		expect(clock.learnedOffset).toBe(-5 * 60 * MINUTE);
		clock.learn(minuteKeyPeriod('2026-11-27T06:00'), at);
		expect(clock.learnedOffset).toBe(-5 * 60 * MINUTE);
		clock.learn(minuteKeyPeriod('2026-12-27T07:00'), at);
		expect(clock.learnedOffset).toBe(14 * 60 * MINUTE);
		expect(PracticeClock.fromState(-30 * 60 * MINUTE).learnedOffset).toBe(-12 * 60 * MINUTE);
	});

	test('a kept bound falls back by a quarter of the time since it was kept, never below the lowest zone', () => {
		const hours = (n: number) => n * 60 * MINUTE;
		expect(PracticeClock.fromState(hours(3)).decayed(hours(4)).learnedOffset).toBe(hours(2));
		expect(PracticeClock.fromState(hours(3)).decayed(-hours(4)).learnedOffset).toBe(hours(3));
		expect(PracticeClock.fromState(0).decayed(hours(100)).learnedOffset).toBe(-hours(12));
	});

	test('a key has settled once its period ended a margin before the practice time could have been', () => {
		const clock = PracticeClock.fromState(-5 * 60 * MINUTE);
		const key = minuteKeyPeriod('2026-11-27T06:00');
		const at = (practiceTime: string) => Date.parse(`${practiceTime}:00Z`) + 5 * 60 * MINUTE;
		expect(clock.settledBy(key, at('2026-11-27T07:05'))).toBe(false);
		expect(clock.settledBy(key, at('2026-11-27T07:06'))).toBe(true);
	});
});
