import { PortalError } from '../http/portalError';
import type { Claim, ClaimStatus } from '../data/types';
import type { SandboxState } from '../state';

/**
 * The claim status machine. Decision: the record keeps `Rejected` (what the clearinghouse or the
 * payer said), but the wire and pages show it as `PendingResubmit`, the queue TherapyNotes puts a
 * rejected claim in; `RejectionCodes` says why. So clients see six statuses:
 *   Created → Submitted → Accepted → Paid | Denied, and Submitted | Accepted → PendingResubmit.
 * A PendingResubmit claim is submitted again as is (frequency 1) or corrected (7/8); a Paid or
 * Denied claim only as a replacement (7) or void (8) quoting the payer's claim number.
 */
export type ClaimMove = 'submit' | 'resubmit' | 'accept' | 'reject' | 'pay' | 'deny';

export const WIRE_CLAIM_STATUSES = ['Created', 'Submitted', 'Accepted', 'PendingResubmit', 'Paid', 'Denied'] as const;

const MOVES: Record<ClaimMove, { from: ClaimStatus[]; to: ClaimStatus }> = {
	submit: { from: ['Created', 'Rejected', 'PendingResubmit'], to: 'Submitted' },
	resubmit: { from: ['Rejected', 'PendingResubmit', 'Denied', 'Paid'], to: 'Submitted' },
	accept: { from: ['Submitted'], to: 'Accepted' },
	reject: { from: ['Submitted', 'Accepted'], to: 'Rejected' },
	pay: { from: ['Accepted'], to: 'Paid' },
	deny: { from: ['Accepted'], to: 'Denied' },
};

/** What the portal shows for a record status. */
export function wireClaimStatus(status: ClaimStatus): string {
	return status === 'Rejected' ? 'PendingResubmit' : status;
}

/** Record statuses a wire status filter stands for ('Rejected' is accepted as an alias). */
export function recordStatusesFor(wireName: string): ClaimStatus[] | null {
	const name = wireName.toLowerCase();
	if (name === 'pendingresubmit' || name === 'rejected') return ['Rejected', 'PendingResubmit'];
	const hit = WIRE_CLAIM_STATUSES.find((s) => s.toLowerCase() === name);
	return hit ? [hit] : null;
}

const PAST: Record<ClaimMove, string> = { submit: 'submitted', resubmit: 'resubmitted', accept: 'accepted', reject: 'rejected', pay: 'paid', deny: 'denied' };

const HINTS: Partial<Record<ClaimMove, Partial<Record<ClaimStatus, string>>>> = {
	submit: { Paid: ' The payer has adjudicated it: resubmit it as a replacement (7) or void (8).', Denied: ' The payer has adjudicated it: resubmit it as a replacement (7) or void (8).' },
	resubmit: { Created: ' Submit it first.', Submitted: ' Wait for the clearinghouse to accept or reject it.', Accepted: ' Wait for the payer to pay or deny it.' },
};

/** Why `move` cannot apply to the claim now, or null when it can. */
export function refusalFor(claim: Claim, move: ClaimMove): string | null {
	const rule = MOVES[move];
	if (rule.from.includes(claim.status)) return null;
	const allowed = [...new Set(rule.from.map(wireClaimStatus))].join(' or ');
	return `Claim ${claim.id} is ${wireClaimStatus(claim.status)}; it can be ${PAST[move]} only when ${allowed}.${HINTS[move]?.[claim.status] ?? ''}`;
}

/** Refuses in the portal's style, listing each claim that cannot move; changes nothing. */
export function assertMovable(claims: Claim[], move: ClaimMove): void {
	const refused = claims.map((claim) => ({ claim, reason: refusalFor(claim, move) })).filter((r) => r.reason !== null);
	if (refused.length === 0) return;
	throw new PortalError(refused.map((r) => r.reason).join(' '), 'InvalidTransition', {
		Claims: refused.map((r) => ({ ID: r.claim.id, EncryptedID: r.claim.encryptedId, Status: wireClaimStatus(r.claim.status), Reason: r.reason })),
	});
}

/** Applies a checked move and writes the audit line a trigger test looks for. */
export function moveClaim(state: SandboxState, claim: Claim, move: ClaimMove, now: string, by: 'portal' | 'admin' = 'portal'): void {
	const reason = refusalFor(claim, move);
	if (reason) throw new PortalError(reason, 'InvalidTransition');
	claim.status = MOVES[move].to;
	claim.updatedAt = now;
	claim.statusChangedAt = now;
	if (move === 'submit' || move === 'resubmit') {
		claim.submittedAt = now;
		claim.rejectionCodes = [];
	}
	state.store.record('status', 'claim', claim.id, now, by);
}
