import { problemAt, type X12Problem } from './problems';
import type { Adjustment, ClaimPayment, Payment, ProviderAdjustment } from './remittanceTypes';

/**
 * The three 835 balancing equations, all in integer cents so "balanced" means exact:
 *  service line: SVC02 − Σ line CAS = SVC03
 *  claim:        CLP03 − Σ claim CAS − Σ line CAS = CLP04
 *  transaction:  Σ CLP04 − Σ PLB amounts = BPR02
 * Reversals (CLP02 = 22) carry negated amounts and satisfy the same equations.
 */
export function findImbalances(
	payment: Payment,
	claims: ClaimPayment[],
	providerAdjustments: ProviderAdjustment[],
): X12Problem[] {
	const problems: X12Problem[] = [];
	let paidTotal = 0;
	for (const claim of claims) {
		checkClaim(claim, problems);
		paidTotal += claim.paidCents;
	}
	let providerTotal = 0;
	for (const adjustment of providerAdjustments) providerTotal += adjustment.amountCents;
	if (paidTotal - providerTotal !== payment.amountCents) {
		problems.push(
			problemAt(
				'BPR',
				payment.segmentNumber,
				`claims paid ${paidTotal} - provider adjustments ${providerTotal} != BPR02 ${payment.amountCents}`,
			),
		);
	}
	return problems;
}

function checkClaim(claim: ClaimPayment, problems: X12Problem[]): void {
	let lineAdjustments = 0;
	for (const service of claim.services) {
		const adjusted = sumAdjustments(service.adjustments);
		lineAdjustments += adjusted;
		if (service.chargeCents - adjusted !== service.paidCents) {
			problems.push(
				problemAt(
					'SVC',
					service.segmentNumber,
					`charge ${service.chargeCents} - adjustments ${adjusted} != paid ${service.paidCents}`,
				),
			);
		}
	}
	const claimAdjustments = sumAdjustments(claim.adjustments);
	if (claim.chargeCents - claimAdjustments - lineAdjustments !== claim.paidCents) {
		problems.push(
			problemAt(
				'CLP',
				claim.segmentNumber,
				`charge ${claim.chargeCents} - claim adjustments ${claimAdjustments} - line adjustments ${lineAdjustments} != paid ${claim.paidCents}`,
			),
		);
	}
}

function sumAdjustments(adjustments: readonly Adjustment[]): number {
	let total = 0;
	for (const adjustment of adjustments) total += adjustment.amountCents;
	return total;
}
