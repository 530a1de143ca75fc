import { problemAt, type X12Problem } from './problems';
import * as columns from './remittanceStore';
import type { RemittanceStore } from './remittanceStore';
import type { Payment, ProviderAdjustment } from './remittanceTypes';
import type { RowTable } from './rowTable';

/** Imports read once into module constants: see remittanceRows.ts for why. */
const { Adjust, Claim, Service } = columns;

/**
 * The three 835 balancing equations, all in integer cents so "balanced" means exact:
 *  service line: SVC02 − Σ line CAS = SVC03
 *  claim:        CLP03 − Σ claim CAS − Σ line CAS = CLP04
 *  transaction:  Σ CLP04 − Σ PLB amounts = BPR02
 * Reversals (CLP02 = 22) carry negated amounts and satisfy the same equations.
 * Read straight from the store's rows: checking must not build the views.
 */
export function findImbalances(
	payment: Payment,
	store: RemittanceStore,
	claimRows: { first: number; end: number },
	providerAdjustments: ProviderAdjustment[],
): X12Problem[] {
	const problems: X12Problem[] = [];
	let paidTotal = 0;
	for (let row = claimRows.first; row < claimRows.end; row++) {
		checkClaim(store, row, problems);
		paidTotal += store.claims.number(row, Claim.paidCents) as number;
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

/** Amounts the parser required (never null). */
const amount = (table: RowTable, row: number, column: number): number => table.number(row, column) as number;

function checkClaim(store: RemittanceStore, row: number, problems: X12Problem[]): void {
	const { claims, services } = store;
	let lineAdjustments = 0;
	const firstService = store.integerOf(claims, row, Claim.firstService);
	const endService = firstService + store.integerOf(claims, row, Claim.serviceCount);
	for (let line = firstService; line < endService; line++) {
		const adjusted = sumAdjustments(store, store.integerOf(services, line, Service.firstAdjustment), store.integerOf(services, line, Service.adjustmentCount));
		lineAdjustments += adjusted;
		const charge = amount(services, line, Service.chargeCents);
		const paid = amount(services, line, Service.paidCents);
		if (charge - adjusted !== paid) {
			problems.push(problemAt('SVC', store.integerOf(services, line, Service.segmentNumber), `charge ${charge} - adjustments ${adjusted} != paid ${paid}`));
		}
	}
	const claimAdjustments = sumAdjustments(store, store.integerOf(claims, row, Claim.firstAdjustment), store.integerOf(claims, row, Claim.adjustmentCount));
	const charge = amount(claims, row, Claim.chargeCents);
	const paid = amount(claims, row, Claim.paidCents);
	if (charge - claimAdjustments - lineAdjustments !== paid) {
		problems.push(
			problemAt(
				'CLP',
				store.integerOf(claims, row, Claim.segmentNumber),
				`charge ${charge} - claim adjustments ${claimAdjustments} - line adjustments ${lineAdjustments} != paid ${paid}`,
			),
		);
	}
}

function sumAdjustments(store: RemittanceStore, first: number, count: number): number {
	let total = 0;
	for (let row = first; row < first + count; row++) total += amount(store.adjustments, row, Adjust.amountCents);
	return total;
}
