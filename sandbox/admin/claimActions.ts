import type { AdminAction } from './actions';
import { AdminInputError } from './actions';
import type { Claim, Era } from '../data/types';
import type { SandboxState } from '../state';
import { payerClaimNumberFor, remitClaims } from '../data/adjudication';
import { findClaim } from '../handlers/claimsWire';
import { moveClaim, refusalFor, wireClaimStatus, type ClaimMove } from '../handlers/claimsRules';

/**
 * The clearinghouse's and payers' side of billing, which no portal user can do: accept or reject
 * submitted claims, pay or deny accepted ones, and send the ERA that reports it.
 */
const OUTCOMES: Record<string, ClaimMove> = { accept: 'accept', reject: 'reject', pay: 'pay', deny: 'deny' };
const DEFAULT_REJECTION_CODES = ['A7:21'];

function claimIdList(body: Record<string, unknown>): number[] | null {
	if (body.claimIds === undefined) return null;
	if (!Array.isArray(body.claimIds) || body.claimIds.some((id) => typeof id !== 'number' || !Number.isInteger(id))) throw new AdminInputError('claimIds must be a list of whole numbers');
	return body.claimIds as number[];
}

/** The named claims (each must be able to make the move), or every claim that can. */
function claimsFor(state: SandboxState, ids: number[] | null, move: ClaimMove): Claim[] {
	if (ids === null) return [...state.store.claims.values()].filter((c) => refusalFor(c, move) === null);
	const claims = ids.map((id) => {
		try {
			return findClaim(state, id);
		} catch {
			throw new AdminInputError(`claim ${id} does not exist`);
		}
	});
	const refusals = claims.map((c) => refusalFor(c, move)).filter((r): r is string => r !== null);
	if (refusals.length > 0) throw new AdminInputError(refusals.join(' '));
	return claims;
}

function rejectionCodes(body: Record<string, unknown>): string[] {
	if (body.rejectionCodes === undefined) return DEFAULT_REJECTION_CODES;
	const codes = body.rejectionCodes;
	if (!Array.isArray(codes) || codes.length === 0 || codes.length > 10 || codes.some((c) => typeof c !== 'string' || !/^[A-Za-z0-9:._-]{1,20}$/.test(c))) {
		throw new AdminInputError('rejectionCodes must be 1 to 10 codes like "A7:562"');
	}
	return codes as string[];
}

const eraSummary = (era: Era) => ({
	id: era.id, encryptedId: era.encryptedId, payerId: era.payerId, traceNumber: era.traceNumber, amountCents: era.amountCents, claimIds: era.claimPayments.map((p) => p.claimId),
});

/** {claimIds?, outcome?: accept | reject | pay | deny, rejectionCodes?}; pay and deny come with an ERA per payer. */
const claimsAdjudicate: AdminAction = (state, body, now) => {
	const outcome = body.outcome === undefined ? 'accept' : String(body.outcome);
	if (!Object.hasOwn(OUTCOMES, outcome)) throw new AdminInputError('outcome must be accept, reject, pay or deny');
	const move = OUTCOMES[outcome];
	const codes = move === 'reject' ? rejectionCodes(body) : [];
	const claims = claimsFor(state, claimIdList(body), move);
	if (move === 'pay' || move === 'deny') {
		const eras = remitClaims(state.store, state.random, claims, move === 'pay' ? 'paid' : 'denied', now);
		return { claims: claims.map((c) => ({ id: c.id, status: wireClaimStatus(c.status) })), eras: eras.map(eraSummary) };
	}
	for (const claim of claims) {
		moveClaim(state, claim, move, now, 'admin');
		// The payer's acceptance carries its claim number; a rejection carries the reasons.
		if (move === 'accept') claim.payerClaimNumber = payerClaimNumberFor(claim);
		if (move === 'reject') claim.rejectionCodes = [...codes];
	}
	return { claims: claims.map((c) => ({ id: c.id, status: wireClaimStatus(c.status), rejectionCodes: c.rejectionCodes, payerClaimNumber: c.payerClaimNumber })), eras: [] };
};

/** {payerId?, claimIds?}: the payer pays its accepted claims and an ERA per payer arrives. */
const eraPost: AdminAction = (state, body, now) => {
	const payerId = body.payerId === undefined ? undefined : Number(body.payerId);
	if (payerId !== undefined && !state.store.payer(payerId)) throw new AdminInputError('payerId is not a payer of this practice');
	const claims = claimsFor(state, claimIdList(body), 'pay').filter((c) => payerId === undefined || c.payerId === payerId);
	if (claims.length === 0) throw new AdminInputError('no Accepted claims match; accept some first (claims-adjudicate)');
	const eras = remitClaims(state.store, state.random, claims, 'paid', now);
	return { eras: eras.map(eraSummary) };
};

export const CLAIM_ACTIONS: Record<string, AdminAction> = {
	'claims-adjudicate': claimsAdjudicate,
	'era-post': eraPost,
};
