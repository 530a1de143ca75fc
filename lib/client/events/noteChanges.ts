import type { NoteSummary } from '../schemas/notes';
import { eventIdentity } from './eventIds';
import { digest21 } from './fingerprints';
import type { RecordEvent } from './recordChanges';
import { minuteKeyPeriod } from './practiceClock';
import type { RecentChange, RecentListSpec } from './recentScan';

/** Note Signed: signed notes by the final signature's date, newest first */

/** When the note became fully signed: the supervisor's co-signature when there is one. */
export const fullySignedAt = (n: NoteSummary): string | null => (n.status === 'signed' ? (n.supervisorApprovedAt ?? n.signedAt) : null);

export const noteListSpec: RecentListSpec<NoteSummary> = {
	idOf: (n) => n.id,
	printOf: (n) => digest21([n.status, n.signedAt, n.signerId, n.supervisorApprovedAt]),
	keyOf: (n) => fullySignedAt(n) ?? '',
	keyPeriod: minuteKeyPeriod,
};

/** A signed note above the anchor whose signature state differs from the last poll's (or was not seen). */
export function noteSignedEvents(changes: RecentChange<NoteSummary>[]): RecordEvent<NoteSummary>[] {
	return changes.filter((c) => fullySignedAt(c.row) !== null).map((c) => ({ record: c.row, ...eventIdentity('note.signed', c.row.id, c.print) }));
}
