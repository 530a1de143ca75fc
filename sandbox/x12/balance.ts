import { formatAmount } from './amounts';
import type { Adjustment, Remittance } from './model';

const total = (adjustments: Adjustment[]) => adjustments.reduce((sum, a) => sum + a.amountCents, 0);

/**
 * The 835's balancing rules, in cents: Σ CLP04 − Σ PLB = BPR02; per claim CLP03 − Σ CAS = CLP04;
 * per line SVC02 − Σ CAS = SVC03. An empty list means the remittance balances.
 */
export function balanceProblems(remittance: Remittance): string[] {
	const problems: string[] = [];
	const paid = remittance.claims.reduce((sum, c) => sum + c.paidCents, 0);
	const withheld = remittance.providerAdjustmentCents.reduce((sum, c) => sum + c, 0);
	if (paid - withheld !== remittance.paymentCents) {
		problems.push(`BPR02 ${formatAmount(remittance.paymentCents)} is not the claims' payments ${formatAmount(paid)} less provider adjustments ${formatAmount(withheld)}.`);
	}
	for (const claim of remittance.claims) {
		const adjusted = total(claim.adjustments) + claim.lines.reduce((sum, l) => sum + total(l.adjustments), 0);
		if (claim.chargeCents - adjusted !== claim.paidCents) {
			problems.push(`Claim ${claim.patientControlNumber}: charge ${formatAmount(claim.chargeCents)} less adjustments ${formatAmount(adjusted)} is not the paid ${formatAmount(claim.paidCents)}.`);
		}
		claim.lines.forEach((line, index) => {
			if (line.chargeCents - total(line.adjustments) !== line.paidCents) {
				problems.push(`Claim ${claim.patientControlNumber} line ${index + 1}: charge less adjustments is not the paid amount.`);
			}
		});
	}
	return problems;
}
