import type { AdminAction } from './actions';
import { AdminInputError, numberField } from './actions';
import type { Claim, EraClaimPayment } from '../data/types';
import { buildEra, payerClaimNumberFor } from '../data/adjudication';
import { findClaim } from '../handlers/claimsWire';
import { moveClaim, refusalFor } from '../handlers/claimsRules';
import { createClaim } from '../handlers/claimsCreate';
import { PortalError } from '../http/portalError';

/**
 * Billing states tests need that no seeded record has: a claim built (and sent) for any completed,
 * signed session, whatever its date; and a payer that pays one accepted claim the way a reconciliation must catch: short of what the
 * contract allows (a CO-253 reduction nothing else explains), or on a charge that is not the one
 * we billed. The generated ERA still balances (charge − adjustments = paid), so it is a valid 835.
 */

function optionalCents(body: Record<string, unknown>, field: string): number | undefined {
	if (body[field] === undefined) return undefined;
	const value = numberField(body, field);
	if (value < 0) throw new AdminInputError(`${field} cannot be negative`);
	return value;
}

function acceptedClaim(state: Parameters<AdminAction>[0], claimId: number): Claim {
	let claim: Claim;
	try {
		claim = findClaim(state, claimId);
	} catch {
		throw new AdminInputError(`claim ${claimId} does not exist`);
	}
	const refusal = refusalFor(claim, 'pay');
	if (refusal !== null) throw new AdminInputError(refusal);
	return claim;
}

/** The payer's answer: 70 % of the charge allowed, the copay to the patient, less the shortfall. */
function shortPayment(state: Parameters<AdminAction>[0], claim: Claim, chargeCents: number, shortCents: number): EraClaimPayment {
	const allowed = Math.floor((chargeCents * 7 + 5) / 10);
	const copay = Math.min(state.store.policies.get(claim.policyId)?.copayCents ?? 0, allowed);
	if (shortCents > allowed - copay) throw new AdminInputError(`underpaidCents is more than the ${allowed - copay} cents the payer owes`);
	const paid = allowed - copay - shortCents;
	const adjustments = [
		{ group: 'CO', reason: '45', amountCents: chargeCents - allowed },
		{ group: 'PR', reason: '3', amountCents: copay },
		{ group: 'CO', reason: '253', amountCents: shortCents },
	].filter((a) => a.amountCents > 0);
	claim.status = 'Paid';
	claim.paidCents = paid;
	claim.patientResponsibilityCents = copay;
	claim.payerClaimNumber = payerClaimNumberFor(claim);
	return { claimId: claim.id, statusCode: '1', chargeCents, paidCents: paid, patientResponsibilityCents: copay, adjustments };
}

/** {claimId, underpaidCents?, chargeCents?}: one ERA paying one Accepted claim short and/or on another charge. */
const eraPostCustom: AdminAction = (state, body, now) => {
	const claim = acceptedClaim(state, numberField(body, 'claimId'));
	const chargeCents = optionalCents(body, 'chargeCents') ?? claim.chargeCents;
	if (chargeCents === 0) throw new AdminInputError('chargeCents must be more than 0');
	const payment = shortPayment(state, claim, chargeCents, optionalCents(body, 'underpaidCents') ?? 0);
	const era = buildEra(state.store, claim.payerId, [payment], now);
	state.store.record('status', 'claim', claim.id, now, 'admin');
	state.store.record('create', 'era', era.id, now, 'admin');
	return { era: { id: era.id, encryptedId: era.encryptedId, payerId: era.payerId, amountCents: era.amountCents }, claim: { id: claim.id, paidCents: claim.paidCents, chargeCents: claim.chargeCents } };
};

/** {appointmentId, submit?}: the biller builds the session's claim in the UI, as claims/create does, and optionally sends it. */
const claimCreate: AdminAction = (state, body, now) => {
	let claim: Claim;
	try {
		claim = createClaim(state, String(numberField(body, 'appointmentId')), '', now);
	} catch (error) {
		if (error instanceof PortalError) throw new AdminInputError(error.message);
		throw error;
	}
	// createClaim records a portal change; this one was made through the admin API.
	const entry = state.store.audit[state.store.audit.length - 1];
	if (entry?.kind === 'claim' && entry.id === claim.id) entry.by = 'admin';
	if (body.submit === true) moveClaim(state, claim, 'submit', now, 'admin');
	return { id: claim.id, encryptedId: claim.encryptedId, status: claim.status, chargeCents: claim.chargeCents };
};

export const BILLING_ACTIONS: Record<string, AdminAction> = { 'era-post-custom': eraPostCustom, 'claim-create': claimCreate };
