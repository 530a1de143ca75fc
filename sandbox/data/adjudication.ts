import type { Random } from '../util/random';
import type { Store } from './store';
import type { Claim, Era, EraClaimPayment } from './types';

/**
 * The payer's side: decide each claim and record the remittance. Amounts always balance
 * (charge − adjustments = paid) because an ERA the sandbox generates must be a valid 835.
 */
export function adjudicateClaims(store: Store, random: Random, claims: Claim[], outcome?: 'paid' | 'denied'): EraClaimPayment[] {
	return claims.map((claim) => {
		const denied = outcome ? outcome === 'denied' : random.chance(0.05);
		return denied ? denyClaim(claim) : payClaim(store, claim);
	});
}

/** The payer's claim control number, assigned once the payer has the claim. */
export function payerClaimNumberFor(claim: Claim): string {
	return claim.payerClaimNumber ?? `PCN${claim.id}`;
}

function payClaim(store: Store, claim: Claim): EraClaimPayment {
	// 70% of the charge is allowed, rounded half up, in integer cents.
	const allowed = Math.floor((claim.chargeCents * 7 + 5) / 10);
	const copay = Math.min(store.policies.get(claim.policyId)?.copayCents ?? 0, allowed);
	const paid = allowed - copay;
	claim.status = 'Paid';
	claim.paidCents = paid;
	claim.patientResponsibilityCents = copay;
	claim.payerClaimNumber = payerClaimNumberFor(claim);
	const adjustments = [
		{ group: 'CO', reason: '45', amountCents: claim.chargeCents - allowed },
		{ group: 'PR', reason: '3', amountCents: copay },
	].filter((a) => a.amountCents > 0);
	return { claimId: claim.id, statusCode: '1', chargeCents: claim.chargeCents, paidCents: paid, patientResponsibilityCents: copay, adjustments };
}

function denyClaim(claim: Claim): EraClaimPayment {
	claim.status = 'Denied';
	claim.paidCents = 0;
	claim.patientResponsibilityCents = 0;
	claim.payerClaimNumber = payerClaimNumberFor(claim);
	return {
		claimId: claim.id,
		statusCode: '4',
		chargeCents: claim.chargeCents,
		paidCents: 0,
		patientResponsibilityCents: 0,
		adjustments: [{ group: 'CO', reason: '50', amountCents: claim.chargeCents }],
	};
}

export function buildEra(store: Store, payerId: number, claimPayments: EraClaimPayment[], receivedAt: string): Era {
	const id = store.nextId('era');
	const era: Era = {
		id,
		encryptedId: store.encryptedIdFor('era', id),
		payerId,
		traceNumber: `TRN${String(id).padStart(9, '0')}`,
		checkDate: receivedAt.slice(0, 10),
		receivedAt,
		amountCents: claimPayments.reduce((sum, p) => sum + p.paidCents, 0),
		status: 'Unprocessed',
		claimPayments,
		uploadedText: null,
	};
	for (const payment of claimPayments) {
		const claim = store.claims.get(payment.claimId);
		if (claim) {
			claim.eraId = id;
			claim.updatedAt = receivedAt;
			claim.statusChangedAt = receivedAt;
		}
	}
	store.eras.set(id, era);
	return era;
}

/**
 * After seeding: each payer decides its claims and sends one ERA for them, and the audit log
 * shows the new ERA and every claim whose status moved, as a trigger would observe them.
 */
export function remitClaims(store: Store, random: Random, claims: Claim[], outcome: 'paid' | 'denied' | undefined, receivedAt: string): Era[] {
	const byPayer = new Map<number, Claim[]>();
	for (const claim of claims) byPayer.set(claim.payerId, [...(byPayer.get(claim.payerId) ?? []), claim]);
	return [...byPayer].map(([payerId, group]) => {
		const era = buildEra(store, payerId, adjudicateClaims(store, random, group, outcome), receivedAt);
		for (const claim of group) store.record('status', 'claim', claim.id, receivedAt, 'admin');
		store.record('create', 'era', era.id, receivedAt, 'admin');
		return era;
	});
}
