import { createHash } from 'node:crypto';
import type { LedgerEntry } from '../schemas/billing';
import { digest21 } from './fingerprints';
import { minuteKeyPeriod } from './practiceClock';
import type { RecentListSpec } from './recentScan';

/**
 * The practice's billing transactions, most recently entered first. A line is a charge of one
 * patient for one appointment, a payment, or an ERA's payment of a claim; record ids of those
 * kinds overlap (and a group appointment charges several patients), so a line's id is a 48-bit
 * digest of all three, far from colliding in a page or two of lines.
 */
function lineId(entry: LedgerEntry): number {
	return createHash('sha256').update(`${entry.type}:${entry.recordId}:${entry.patientId}`).digest().readUIntBE(0, 6);
}

export const ledgerListSpec: RecentListSpec<LedgerEntry> = {
	idOf: lineId,
	printOf: (e) => digest21([e.enteredAt, e.amountCents, e.date]),
	keyOf: (e) => e.enteredAt,
	keyPeriod: minuteKeyPeriod,
};
