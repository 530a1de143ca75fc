import type { Era } from '../data/types';
import type { SandboxState } from '../state';

/**
 * Posting an ERA applies each claim payment to its claim: paid or denied, amounts, the payer's
 * claim number. Generated ERAs arrive with their claims already decided, so posting them changes
 * nothing; uploaded ones move their claims here. The payer's word settles a claim even if the
 * clearinghouse's acceptance never came (Submitted → Paid). A reversal (CLP02 22) is left for a
 * person to review.
 */
export function postEra(state: SandboxState, era: Era, now: string): number[] {
	const posted: number[] = [];
	for (const payment of era.claimPayments) {
		const claim = state.store.claims.get(payment.claimId);
		if (!claim || claim.eraId === era.id || payment.statusCode === '22') continue;
		if (claim.status !== 'Submitted' && claim.status !== 'Accepted') continue;
		claim.status = payment.statusCode === '4' ? 'Denied' : 'Paid';
		claim.paidCents = payment.paidCents;
		claim.patientResponsibilityCents = payment.patientResponsibilityCents;
		claim.payerClaimNumber = payment.payerClaimNumber ?? claim.payerClaimNumber;
		claim.eraId = era.id;
		claim.updatedAt = now;
		claim.statusChangedAt = now;
		state.store.record('status', 'claim', claim.id, now);
		posted.push(claim.id);
	}
	return posted;
}
