import type { ClaimSummary } from '../schemas/claims';
import { eventIdentity } from './eventIds';
import { digest21, fingerprintStatus, packFingerprint } from './fingerprints';
import type { RecordEvent } from './recordChanges';
import { minuteKeyPeriod } from './practiceClock';
import type { RecentChange, RecentListSpec } from './recentScan';

/** Claim Status Changed: claims by status date, newest first */

export const CLAIM_STATUS_CODES: Record<ClaimSummary['status'], number> = { created: 0, submitted: 1, accepted: 2, pendingResubmit: 3, paid: 4, denied: 5 };
const CLAIM_STATUS_NAMES = Object.fromEntries(Object.entries(CLAIM_STATUS_CODES).map(([name, code]) => [code, name])) as Record<number, ClaimSummary['status']>;

export const claimListSpec: RecentListSpec<ClaimSummary> = {
	idOf: (c) => c.id,
	printOf: (c) => packFingerprint(CLAIM_STATUS_CODES[c.status], digest21([c.updatedAt, c.rejectionCodes, c.paidCents, c.eraId])),
	keyOf: (c) => c.updatedAt,
	keyPeriod: minuteKeyPeriod,
};

export interface ClaimStatusEvent extends RecordEvent<ClaimSummary> {
	previousStatus: ClaimSummary['status'] | null;
}

/**
 * A claim above the anchor whose status differs from the last poll's. One that was not in the
 * window moved to the top by a status change since the last poll (previous status unknown); a
 * claim just created is not a status change.
 */
export function claimStatusEvents(changes: RecentChange<ClaimSummary>[]): ClaimStatusEvent[] {
	const events: ClaimStatusEvent[] = [];
	for (const c of changes) {
		const previousStatus = c.previousPrint === undefined ? null : (CLAIM_STATUS_NAMES[fingerprintStatus(c.previousPrint)] ?? null);
		if (previousStatus === c.row.status || (previousStatus === null && c.row.status === 'created')) continue;
		events.push({ record: c.row, previousStatus, ...eventIdentity('claim.statusChanged', c.row.id, c.print) });
	}
	return events;
}
