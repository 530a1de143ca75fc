import { eventIdentity } from './eventIds';
import type { RecentChange } from './recentScan';

/** A change the trigger reports, with its stable identity. */
export interface RecordEvent<T> {
	record: T;
	eventId: string;
	idempotencyKey: string;
}

/** Rows above the anchor with an id over the watermark: records created since the last poll. */
export const createdEvents = <T>(kind: string, idOf: (row: T) => number) => (changes: RecentChange<T>[]): RecordEvent<T>[] =>
	changes.filter((c) => c.isNew).map((c) => ({ record: c.row, ...eventIdentity(kind, idOf(c.row), 'new') }));
