import { FingerprintSet } from './fingerprints';

/**
 * A poll over a list the portal can sort newest first (patients by id, notes by signature date,
 * claims by status date, ERAs by received date). A change moves a record to the top, so a poll
 * reads pages only until it meets a record it saw last time, unchanged: the anchor. Everything
 * above the anchor changed since the last poll; everything below it is older. Rows sharing the
 * anchor's sort key are still compared, since a clock tick can hold changes before and after a poll.
 */
export interface RecentWatchState {
	v: 1;
	/** Highest record id ever seen: ids only grow, so a higher one is a new record. */
	maxId: number;
	/** Fingerprints of the rows read at the last poll (the top of the list). */
	prints: string;
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
}

function remember<T>(spec: RecentListSpec<T>, p: ScanProgress<T>, row: T, print: number): void {
	const id = spec.idOf(row);
	p.seen.set(id, print);
	p.rows.push(row);
	p.maxId = Math.max(p.maxId, id);
}

/**
 * Looks at one page's rows; returns true when a row older than the anchor was reached. The rows
 * below it on the page are remembered as they are (older than the anchor, so unchanged): when the
 * anchor itself changes before the next poll, they are what that poll recognises. Remembering the
 * anchor alone made every row under it look unseen then, each reported as a change.
 */
function scanPage<T>(spec: RecentListSpec<T>, previous: RecentWatchState | null, p: ScanProgress<T>, rows: T[]): boolean {
	for (let i = 0; i < rows.length; i++) {
		const row = rows[i];
		const id = spec.idOf(row);
		if (p.seen.has(id)) continue;
		const print = spec.printOf(row);
		const key = spec.keyOf(row);
		if (p.anchorKey !== undefined && key !== p.anchorKey) {
			for (const older of rows.slice(i)) if (!p.seen.has(spec.idOf(older))) remember(spec, p, older, spec.printOf(older));
			return true;
		}
		remember(spec, p, row, print);
		if (!previous) continue;
		const old = p.known.get(id);
		if (old === print) p.anchorKey ??= key;
		else p.changes.push({ row, print, previousPrint: old, isNew: id > previous.maxId });
	}
	return false;
}

/**
 * Reads the list newest first until the anchor (one page when nothing changed). With no previous
 * state the first page (and the rest of its last sort key's rows) becomes the baseline and nothing
 * is reported. The next state holds the rows read this time, so it stays the size of the list's
 * top, never a copy of the practice.
 */
export async function scanRecent<T>(spec: RecentListSpec<T>, readPage: (page: number) => Promise<RecentPage<T>>, previous: RecentWatchState | null) {
	const p: ScanProgress<T> = { known: FingerprintSet.decode(previous?.prints), seen: new FingerprintSet(), changes: [], rows: [], anchorKey: undefined, maxId: previous?.maxId ?? 0 };
	// Set when the page limit stopped the scan above the anchor: changes below it were not seen.
	let exhausted = false;
	for (let page = 1; page <= MAX_SCAN_PAGES; page++) {
		const answer = await readPage(page);
		const older = scanPage(spec, previous, p, answer.rows);
		if (older || page >= answer.pageCount || answer.rows.length === 0) break;
		// The baseline is the first page read on to the end of its last sort key. A later poll
		// compares every row sharing its anchor's key, so a group cut at the page's end (claims paid
		// by one ERA share a status time) would come back as rows never seen: false events.
		if (!previous) p.anchorKey ??= spec.keyOf(p.rows[p.rows.length - 1]);
		exhausted = previous !== null && page === MAX_SCAN_PAGES;
	}
	const next: RecentWatchState = { v: 1, maxId: p.maxId, prints: p.seen.encode() };
	return { changes: p.changes, rows: p.rows, next, exhausted };
}
