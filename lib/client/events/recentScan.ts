import { FingerprintSet } from './fingerprints';
import { PracticeClock, type KeyPeriod } from './practiceClock';

/**
 * A poll over a list the portal can sort newest first (patients by id, notes by signature date,
 * claims by status date, ERAs by received date). A change moves a record to the top, so a poll
 * reads pages only until it meets a record it saw last time, unchanged: the anchor. Everything
 * above the anchor changed since the last poll; everything below it is older. Rows sharing the
 * anchor's sort key are still compared while that key's time can still be current, since a clock
 * tick can hold changes before and after a poll.
 */
export interface RecentWatchState {
	v: 1;
	/** Highest record id ever seen: ids only grow, so a higher one is a new record. */
	maxId: number;
	/** Fingerprints of the rows read at the last poll (the top of the list). */
	prints: string;
	/** This machine's clock when the last poll began (ms); tells the next poll which keys had passed. */
	polledAt?: number;
	/** Learned lower bound of the practice's wall time minus this machine's clock (ms); see PracticeClock. */
	clockOffset?: number;
}

export interface RecentPage<T> {
	rows: T[];
	pageCount: number;
}

export interface RecentListSpec<T> {
	idOf: (row: T) => number;
	/** 24-bit fingerprint of what the event is judged on. */
	printOf: (row: T) => number;
	/** The list's sort key as the row shows it; rows with the anchor's key are still compared. */
	keyOf: (row: T) => string | number;
	/** The wall time a key covers. Without it every tie is compared, however old. */
	keyPeriod?: (key: string | number) => KeyPeriod | undefined;
	/** Every row has its own key (the list is sorted by id): there are no ties to compare or read on for. */
	keysUnique?: true;
}

export interface RecentChange<T> {
	row: T;
	print: number;
	/** The fingerprint at the last poll; undefined when the row was not in the window then. */
	previousPrint: number | undefined;
	/** The id is above the watermark: a record created since the last poll. */
	isNew: boolean;
}

/** A poll reads at most this many pages (20 rows each) before it settles for what it has seen. */
export const MAX_SCAN_PAGES = 25;

interface ScanProgress<T> {
	known: FingerprintSet;
	seen: FingerprintSet;
	changes: RecentChange<T>[];
	rows: T[];
	anchorKey: string | number | undefined;
	maxId: number;
	/** The key's time had passed when the last poll began: no change since can carry it. */
	settledAtLastPoll: (key: string | number) => boolean;
}

function remember<T>(spec: RecentListSpec<T>, p: ScanProgress<T>, row: T, print?: number): void {
	const id = spec.idOf(row);
	if (p.seen.has(id)) return;
	p.seen.set(id, print ?? spec.printOf(row));
	p.rows.push(row);
	p.maxId = Math.max(p.maxId, id);
}

/**
 * Looks at one page's rows; returns true when the rows below are older than the anchor. Those rows
 * are remembered as they are (older, so unchanged): when the anchor itself changes before the next
 * poll, they are what that poll recognises. Remembering the anchor alone made every row under it
 * look unseen then, each reported as a change.
 */
function scanPage<T>(spec: RecentListSpec<T>, previous: RecentWatchState | null, p: ScanProgress<T>, rows: T[]): boolean {
	const rememberFrom = (start: number) => {
		for (let j = start; j < rows.length; j++) remember(spec, p, rows[j]);
		return true;
	};
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		const id = spec.idOf(row);
		if (p.seen.has(id)) continue;
		const print = spec.printOf(row);
		const key = spec.keyOf(row);
		if (p.anchorKey !== undefined && key !== p.anchorKey) return rememberFrom(i);
		remember(spec, p, row, print);
		if (!previous) continue;
		const old = p.known.get(id);
		if (old !== print) p.changes.push({ row, print, previousPrint: old, isNew: id > previous.maxId });
		else if (p.anchorKey === undefined) {
			p.anchorKey = key;
			// The rows sharing a key whose time had passed by the last poll are as that poll saw them.
			if (p.settledAtLastPoll(key)) return rememberFrom(i + 1);
		}
	}
	return false;
}

/**
 * Reads on while the rows keep the last remembered row's key, unless that key's time has passed.
 * A later poll compares every row sharing its anchor's key, so a group cut at a page's end (claims
 * paid by one ERA share a status time) would come back as rows never seen: false events.
 */
async function finishLastKey<T>(spec: RecentListSpec<T>, p: ScanProgress<T>, readPage: (page: number) => Promise<RecentPage<T>>, fromPage: number, settled: (key: string | number) => boolean) {
	const key = spec.keyOf(p.rows[p.rows.length - 1]);
	if (settled(key)) return;
	for (let page = fromPage + 1; page <= MAX_SCAN_PAGES; page++) {
		const answer = await readPage(page);
		for (const row of answer.rows) {
			if (spec.keyOf(row) !== key) return;
			remember(spec, p, row);
		}
		if (page >= answer.pageCount || answer.rows.length === 0) return;
	}
}

/**
 * Reads the list newest first until the anchor (one page when nothing changed). With no previous
 * state the first page becomes the baseline and nothing is reported. Either way the last key read
 * is read to its end while its time can still be current. The next state holds the rows read this
 * time, so it stays the size of the list's top, never a copy of the practice.
 */
export async function scanRecent<T>(spec: RecentListSpec<T>, readPage: (page: number) => Promise<RecentPage<T>>, previous: RecentWatchState | null, now: () => number = Date.now) {
	const startedAt = now();
	const periodOf = (key: string | number) => spec.keyPeriod?.(key);
	// A state kept before polls saved their time is read as if its poll were just now (its bound, the
	// widest): that version could leave a long-settled group cut at a page, and comparing it would
	// report the rest of the group as changes.
	const lastPoll = typeof previous?.polledAt === 'number' && Number.isFinite(previous.polledAt) ? previous.polledAt : startedAt;
	// Which ties to compare is judged exactly as the last poll judged which group to read to its end:
	// with the bound it kept, at its start. This poll's own bound starts from that one, decayed.
	const atLastPoll = PracticeClock.fromState(previous?.clockOffset);
	const clock = atLastPoll.decayed(startedAt - lastPoll);
	const settledBy = (judge: PracticeClock, at: number) => (key: string | number) => spec.keysUnique === true || judge.settledBy(periodOf(key), at);
	const p: ScanProgress<T> = {
		known: FingerprintSet.decode(previous?.prints),
		seen: new FingerprintSet(),
		changes: [],
		rows: [],
		anchorKey: undefined,
		maxId: previous?.maxId ?? 0,
		settledAtLastPoll: settledBy(atLastPoll, lastPoll),
	};
	const read = async (page: number) => {
		const answer = await readPage(page);
		const at = now();
		for (const row of answer.rows) clock.learn(periodOf(spec.keyOf(row)), at);
		return answer;
	};
	// Set when the page limit stopped the scan above the anchor: changes below it were not seen.
	let exhausted = false;
	let page = 1;
	let morePages = false;
	for (; ; page++) {
		const answer = await read(page);
		const older = scanPage(spec, previous, p, answer.rows);
		morePages = page < answer.pageCount && answer.rows.length > 0;
		if (older || !morePages || !previous) break;
		if (page === MAX_SCAN_PAGES) {
			exhausted = true;
			break;
		}
	}
	if (morePages && !exhausted && p.rows.length > 0) await finishLastKey(spec, p, read, page, settledBy(clock, startedAt));
	const next: RecentWatchState = { v: 1, maxId: p.maxId, prints: p.seen.encode(), polledAt: startedAt, clockOffset: clock.learnedOffset };
	return { changes: p.changes, rows: p.rows, next, exhausted };
}
