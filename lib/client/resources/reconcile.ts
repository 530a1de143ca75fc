import type { Claim } from '../schemas/claims';
import type {
	EraAdjustment,
	EraClaimPayment,
	EraDetail,
	EraDiscrepancy,
	EraMatchedClaim,
	EraReconciledLine,
	EraReconciliation,
	EraTotals,
	EraUnmatchedClaim,
} from '../schemas/eras';

/**
 * Matches an ERA's claim payments to our claims and says where money or lines disagree. Pure:
 * the caller fetches our claims (keyed by the 835's CLP01, the claim's patient control number).
 *
 * What a line "should" have paid: the allowed amount (AMT*B6) when the payer sent it, otherwise
 * the charge less the contractual write-down (CO-45, "charge exceeds fee schedule"), less what the
 * patient owes (group PR). Anything paid below that is underpaid: reductions the contract and the
 * patient do not explain (other CO reasons, OA, PI).
 */
type Line = EraClaimPayment['serviceLines'][number];
type OurLine = Claim['serviceLines'][number];

const sum = (values: number[]) => values.reduce((total, v) => total + v, 0);
const inGroup = (adjustments: EraAdjustment[], group: string, reason?: string) =>
	sum(adjustments.filter((a) => a.group === group && (reason === undefined || a.reason === reason)).map((a) => a.amountCents));

/** 1, 2, 3: processed as primary, secondary, tertiary; only those can be underpaid. */
const PROCESSED = new Set(['1', '2', '3']);

function expectedPaid(chargeCents: number, allowedCents: number | null, adjustments: EraAdjustment[]): number {
	return (allowedCents ?? chargeCents - inGroup(adjustments, 'CO', '45')) - inGroup(adjustments, 'PR');
}

function lineFigures(line: Line, ours: OurLine | null, processed: boolean): EraReconciledLine {
	const expected = expectedPaid(line.chargeCents, line.allowedCents, line.adjustments);
	const contractual = inGroup(line.adjustments, 'CO');
	const patient = inGroup(line.adjustments, 'PR');
	return {
		lineControlNumber: line.lineControlNumber,
		procedureCode: line.procedureCode,
		serviceDate: line.serviceDate,
		expectedChargeCents: ours?.chargeCents ?? null,
		expectedUnits: ours?.units ?? null,
		chargedCents: line.chargeCents,
		paidCents: line.paidCents,
		units: line.units,
		allowedCents: line.allowedCents,
		contractualCents: contractual,
		patientResponsibilityCents: patient,
		otherAdjustmentCents: sum(line.adjustments.map((a) => a.amountCents)) - contractual - patient,
		expectedPaidCents: expected,
		underpaidCents: processed ? Math.max(0, expected - line.paidCents) : 0,
		adjustments: line.adjustments,
	};
}

/** Pairs the payer's lines with ours: by line control number, then code and date, then one to one. */
function pairLines(theirs: Line[], ours: OurLine[]): { pairs: [Line, OurLine | null][]; unanswered: OurLine[] } {
	const free = [...ours];
	const take = (found: OurLine | undefined) => (found ? free.splice(free.indexOf(found), 1)[0] : null);
	const pairs = theirs.map((line): [Line, OurLine | null] => {
		const byControl = line.lineControlNumber ? free.find((o) => o.lineControlNumber === line.lineControlNumber) : undefined;
		const byCode = byControl ?? free.find((o) => o.serviceCode === line.procedureCode && o.serviceDate === line.serviceDate);
		return [line, take(byCode ?? (theirs.length === 1 && ours.length === 1 ? free[0] : undefined))];
	});
	return { pairs, unanswered: free };
}

function lineDiscrepancies(claimId: number, line: EraReconciledLine, ours: OurLine | null, checkUnderpaid: boolean): EraDiscrepancy[] {
	const at = (kind: EraDiscrepancy['kind'], expected: string | number | null, actual: string | number | null, amountCents: number): EraDiscrepancy => ({
		kind, claimId, lineControlNumber: line.lineControlNumber, expected, actual, amountCents,
	});
	if (!ours) return [at('unbilled-line', null, line.procedureCode, line.chargedCents)];
	const out: EraDiscrepancy[] = [];
	if (ours.serviceCode !== line.procedureCode) out.push(at('code-mismatch', ours.serviceCode, line.procedureCode, 0));
	if (ours.chargeCents !== line.chargedCents) out.push(at('line-charge-mismatch', ours.chargeCents, line.chargedCents, ours.chargeCents - line.chargedCents));
	if (ours.units !== line.units) out.push(at('units-mismatch', ours.units, line.units, 0));
	if (checkUnderpaid && line.underpaidCents > 0) out.push(at('underpaid', line.expectedPaidCents, line.paidCents, line.underpaidCents));
	return out;
}

function claimDiscrepancies(payment: EraClaimPayment, ours: Claim, lines: EraReconciledLine[]): EraDiscrepancy[] {
	const at = (kind: EraDiscrepancy['kind'], expected: string | number | null, actual: string | number | null, amountCents: number): EraDiscrepancy => ({
		kind, claimId: ours.id, lineControlNumber: null, expected, actual, amountCents,
	});
	const out: EraDiscrepancy[] = [];
	if (payment.statusCode === '4') out.push(at('denied', ours.chargeCents, payment.paidCents, payment.chargeCents));
	if (payment.statusCode === '22') out.push(at('reversal', null, payment.paidCents, payment.paidCents));
	// A reversal (22) repeats the original with negative amounts: its charge is not a mismatch.
	if (payment.statusCode !== '22' && payment.chargeCents !== ours.chargeCents) out.push(at('claim-charge-mismatch', ours.chargeCents, payment.chargeCents, ours.chargeCents - payment.chargeCents));
	// Claim-level adjustments (or no lines at all) make the claim, not its lines, the unit to judge.
	if (PROCESSED.has(payment.statusCode) && (payment.adjustments.length > 0 || lines.length === 0)) {
		const all = [...payment.adjustments, ...payment.serviceLines.flatMap((l) => l.adjustments)];
		const allowed = lines.length > 0 && lines.every((l) => l.allowedCents !== null) ? sum(lines.map((l) => l.allowedCents ?? 0)) : null;
		const expected = expectedPaid(payment.chargeCents, allowed, all);
		if (expected > payment.paidCents) out.push(at('underpaid', expected, payment.paidCents, expected - payment.paidCents));
	}
	return out;
}

function matchClaim(eraId: number, payment: EraClaimPayment, ours: Claim, discrepancies: EraDiscrepancy[]): EraMatchedClaim {
	const processed = PROCESSED.has(payment.statusCode);
	const { pairs, unanswered } = pairLines(payment.serviceLines, ours.serviceLines);
	const lines = pairs.map(([line, our]) => lineFigures(line, our, processed));
	discrepancies.push(...claimDiscrepancies(payment, ours, lines));
	const judgeLines = processed && payment.adjustments.length === 0;
	pairs.forEach(([, our], i) => discrepancies.push(...lineDiscrepancies(ours.id, lines[i], our, judgeLines)));
	if (payment.serviceLines.length > 0) {
		for (const our of unanswered) {
			discrepancies.push({ kind: 'unanswered-line', claimId: ours.id, lineControlNumber: our.lineControlNumber || null, expected: our.serviceCode, actual: null, amountCents: our.chargeCents });
		}
	}
	return {
		claimId: ours.id,
		encryptedId: ours.encryptedId,
		patientControlNumber: payment.patientControlNumber,
		claimStatus: ours.status,
		statusCode: payment.statusCode,
		payerClaimNumber: payment.payerClaimNumber,
		expectedChargeCents: ours.chargeCents,
		chargedCents: payment.chargeCents,
		paidCents: payment.paidCents,
		patientResponsibilityCents: payment.patientResponsibilityCents ?? inGroup([...payment.adjustments, ...payment.serviceLines.flatMap((l) => l.adjustments)], 'PR'),
		adjustments: payment.adjustments,
		posted: ours.eraId === eraId,
		lines,
	};
}

const unmatchedOf = (p: EraClaimPayment): EraUnmatchedClaim => ({
	patientControlNumber: p.patientControlNumber, statusCode: p.statusCode, chargeCents: p.chargeCents, paidCents: p.paidCents,
	patientResponsibilityCents: p.patientResponsibilityCents, payerClaimNumber: p.payerClaimNumber, patient: p.patient,
});

/** `claims` maps each CLP01 to our claim, or to null when it is none of ours. */
export function reconcileEra(detail: EraDetail, claims: ReadonlyMap<string, Claim | null>): EraReconciliation {
	const matched: EraMatchedClaim[] = [];
	const unmatched: EraUnmatchedClaim[] = [];
	const discrepancies: EraDiscrepancy[] = [];
	const payments = detail.transactions.flatMap((t) => t.claims);
	for (const payment of payments) {
		const ours = claims.get(payment.patientControlNumber) ?? null;
		if (ours) matched.push(matchClaim(detail.era.id, payment, ours, discrepancies));
		else unmatched.push(unmatchedOf(payment));
	}
	const providerAdjustments = detail.transactions.flatMap((t) => t.providerAdjustments);
	const totals: EraTotals = {
		claimCount: payments.length,
		matchedCount: matched.length,
		unmatchedCount: unmatched.length,
		discrepancyCount: discrepancies.length,
		paymentAmountCents: sum(detail.transactions.map((t) => t.payment.amountCents)),
		expectedChargeCents: sum(matched.map((m) => m.expectedChargeCents)),
		chargedCents: sum(payments.map((p) => p.chargeCents)),
		paidCents: sum(payments.map((p) => p.paidCents)),
		patientResponsibilityCents: sum(payments.map((p) => p.patientResponsibilityCents ?? 0)),
		underpaidCents: sum(discrepancies.filter((d) => d.kind === 'underpaid').map((d) => d.amountCents)),
		providerAdjustmentCents: sum(providerAdjustments.map((p) => p.amountCents)),
	};
	return { era: detail.era, balanced: detail.balanced, problems: detail.problems, matched, unmatched, discrepancies, providerAdjustments, totals };
}

/** Adds up the totals of several ERAs. */
export function sumTotals(list: EraTotals[]): EraTotals & { eraCount: number } {
	const keys = Object.keys({ claimCount: 0, matchedCount: 0, unmatchedCount: 0, discrepancyCount: 0, paymentAmountCents: 0, expectedChargeCents: 0, chargedCents: 0, paidCents: 0, patientResponsibilityCents: 0, underpaidCents: 0, providerAdjustmentCents: 0 } satisfies EraTotals) as (keyof EraTotals)[];
	const totals = Object.fromEntries(keys.map((key) => [key, sum(list.map((t) => t[key]))])) as EraTotals;
	return { ...totals, eraCount: list.length };
}
