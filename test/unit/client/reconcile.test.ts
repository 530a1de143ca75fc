import { reconcileEra, sumTotals } from '../../../lib/client/resources/reconcile';
import type { Claim, EraClaimPayment, EraDetail } from '../../../lib/client';

/** Only what reconciliation reads of our claim. */
function ours(id: number, lines: { code: string; cents: number; units?: number; date?: string }[], eraId: number | null = null): Claim {
	return {
		id, encryptedId: `enc${id}`, status: 'accepted', chargeCents: lines.reduce((s, l) => s + l.cents, 0), eraId, patientControlNumber: String(id),
		serviceLines: lines.map((l, i) => ({ lineNumber: i + 1, lineControlNumber: `${id}-${i + 1}`, serviceCode: l.code, modifiers: [], units: l.units ?? 1, chargeCents: l.cents, serviceDate: l.date ?? '2026-10-05', diagnosisPointers: [1] })),
	} as unknown as Claim;
}

type Adj = [group: string, reason: string, cents: number];
const adjustments = (list: Adj[]) => list.map(([group, reason, amountCents]) => ({ group, reason, amountCents, quantity: null }));

function line(code: string, charge: number, paid: number, adj: Adj[], control: string | null, extra: Partial<EraClaimPayment['serviceLines'][number]> = {}) {
	return { procedureQualifier: 'HC', procedureCode: code, modifiers: [], chargeCents: charge, paidCents: paid, units: 1, serviceDate: '2026-10-05', serviceDateEnd: null, lineControlNumber: control, allowedCents: null, remarkCodes: [], adjustments: adjustments(adj), ...extra };
}

function payment(pcn: string, status: string, lines: ReturnType<typeof line>[], claimAdj: Adj[] = [], totals?: { charge: number; paid: number; patient: number | null }): EraClaimPayment {
	const charge = totals?.charge ?? lines.reduce((s, l) => s + l.chargeCents, 0);
	const paid = totals?.paid ?? lines.reduce((s, l) => s + l.paidCents, 0);
	return {
		patientControlNumber: pcn, statusCode: status, chargeCents: charge, paidCents: paid, patientResponsibilityCents: totals ? totals.patient : 0,
		claimFilingIndicator: 'CI', payerClaimNumber: `P${pcn}`, patient: null, statementFrom: null, statementTo: null, adjustments: adjustments(claimAdj), serviceLines: lines,
	};
}

function detail(claims: EraClaimPayment[], plb: number[] = []): EraDetail {
	const paid = claims.reduce((s, c) => s + c.paidCents, 0) - plb.reduce((s, p) => s + p, 0);
	return {
		era: { id: 900, encryptedId: 'era900xxxxxxxxxxxx', payerId: 1, payerName: 'Payer', checkNumber: 'T1', traceNumber: 'T1', checkDate: '2026-10-10', receivedDate: '2026-10-10', paymentAmountCents: paid, claimCount: claims.length, status: 'unprocessed', source: 'electronic' },
		transactions: [{
			controlNumber: '0001', payment: { handlingCode: 'I', amountCents: paid, creditDebit: 'C', method: 'ACH', date: '2026-10-10', traceNumber: 'T1', originatorId: null },
			payer: { name: 'Payer', id: null }, payee: { name: 'Practice', idQualifier: 'XX', id: '1234567893', npi: '1234567893' }, claims,
			providerAdjustments: plb.map((amountCents) => ({ providerId: '1234567893', fiscalPeriodDate: '2026-12-31', reason: 'L6', reference: null, amountCents })), balanced: true, problems: [],
		}],
		balanced: true,
		problems: [],
	};
}

describe('reconcileEra', () => {
	test('a clean payment: contractual write-down and copay explain everything, nothing to report', () => {
		const report = reconcileEra(detail([payment('11', '1', [line('90837', 16000, 9200, [['CO', '45', 4800], ['PR', '3', 2000]], '11-1')], [], { charge: 16000, paid: 9200, patient: 2000 })]), new Map([['11', ours(11, [{ code: '90837', cents: 16000 }], 900)]]));
		expect(report.discrepancies).toEqual([]);
		expect(report.matched[0]).toMatchObject({ claimId: 11, posted: true, patientResponsibilityCents: 2000, lines: [{ expectedPaidCents: 9200, underpaidCents: 0, contractualCents: 4800, patientResponsibilityCents: 2000, otherAdjustmentCents: 0 }] });
		expect(report.totals).toMatchObject({ claimCount: 1, matchedCount: 1, paidCents: 9200, patientResponsibilityCents: 2000, expectedChargeCents: 16000 });
	});

	test('the allowed amount (AMT*B6), when sent, sets what should have been paid', () => {
		const paid = line('90834', 12000, 7000, [['CO', '45', 3000], ['CO', '253', 2000]], '12-1', { allowedCents: 9000 });
		const report = reconcileEra(detail([payment('12', '1', [paid])]), new Map([['12', ours(12, [{ code: '90834', cents: 12000 }])]]));
		expect(report.discrepancies).toEqual([{ kind: 'underpaid', claimId: 12, lineControlNumber: '12-1', expected: 9000, actual: 7000, amountCents: 2000 }]);
		expect(report.totals.underpaidCents).toBe(2000);
	});

	test('lines pair by control number, then by code and date; extra and missing lines, code and units mismatches', () => {
		const claim = ours(13, [{ code: '90837', cents: 16000 }, { code: '90785', cents: 2000 }, { code: '90832', cents: 9000, date: '2026-10-06' }]);
		const report = reconcileEra(
			detail([payment('13', '1', [
				line('90838', 16000, 16000, [], '13-1'),
				line('90785', 2000, 2000, [], null, { units: 2 }),
				line('99999', 500, 500, [], null),
			])]),
			new Map([['13', claim]]),
		);
		expect(report.discrepancies.map((d) => [d.kind, d.lineControlNumber, d.expected, d.actual, d.amountCents])).toEqual([
			['claim-charge-mismatch', null, 27000, 18500, 8500],
			['code-mismatch', '13-1', '90837', '90838', 0],
			['units-mismatch', null, 1, 2, 0],
			['unbilled-line', null, null, '99999', 500],
			['unanswered-line', '13-3', '90832', null, 9000],
		]);
		expect(report.matched[0].lines.map((l) => l.expectedChargeCents)).toEqual([16000, 2000, null]);
	});

	test('claim-level adjustments and claims without lines are judged as a whole; denials and reversals are named', () => {
		const claimLevel = payment('14', '1', [line('90837', 16000, 9000, [['CO', '45', 4000]], '14-1')], [['OA', '23', 3000]], { charge: 16000, paid: 9000, patient: 0 });
		const noLines = payment('15', '2', [], [['CO', '45', 1000], ['PR', '1', 500]], { charge: 10000, paid: 8000, patient: 500 });
		const denied = payment('16', '4', [line('90837', 16000, 0, [['CO', '50', 16000]], '16-1')]);
		const reversal = payment('17', '22', [], [], { charge: -16000, paid: -9000, patient: null });
		const claims = new Map([['14', ours(14, [{ code: '90837', cents: 16000 }])], ['15', ours(15, [{ code: '90834', cents: 10000 }])], ['16', ours(16, [{ code: '90837', cents: 16000 }])], ['17', ours(17, [{ code: '90837', cents: 16000 }])]]);
		const report = reconcileEra(detail([claimLevel, noLines, denied, reversal], [250]), claims);
		expect(report.discrepancies.map((d) => [d.kind, d.claimId, d.amountCents])).toEqual([
			['underpaid', 14, 3000],
			['underpaid', 15, 500],
			['denied', 16, 16000],
			['reversal', 17, -9000],
		]);
		expect(report.matched.find((m) => m.claimId === 16)!.lines[0].underpaidCents).toBe(0);
		expect(report.matched.find((m) => m.claimId === 17)!.patientResponsibilityCents).toBe(0);
		expect(report.totals).toMatchObject({ providerAdjustmentCents: 250, underpaidCents: 3500, paymentAmountCents: 9000 + 8000 + 0 - 9000 - 250 });
	});

	test('a CLP01 that is not ours goes to unmatched, with what the payer said', () => {
		const report = reconcileEra(detail([payment('X1', '1', [line('90837', 100, 100, [], null)])]), new Map([['X1', null]]));
		expect(report.matched).toEqual([]);
		expect(report.unmatched).toEqual([{ patientControlNumber: 'X1', statusCode: '1', chargeCents: 100, paidCents: 100, patientResponsibilityCents: 0, payerClaimNumber: 'PX1', patient: null }]);
		expect(report.totals).toMatchObject({ claimCount: 1, matchedCount: 0, unmatchedCount: 1, expectedChargeCents: 0, chargedCents: 100 });
	});

	test('sumTotals adds every figure and counts the ERAs', () => {
		const a = reconcileEra(detail([payment('X1', '1', [line('90837', 100, 100, [], null)])]), new Map());
		const b = reconcileEra(detail([payment('X2', '1', [line('90837', 250, 200, [['CO', '45', 50]], null)])]), new Map());
		expect(sumTotals([a.totals, b.totals])).toEqual({ ...a.totals, claimCount: 2, unmatchedCount: 2, paymentAmountCents: 300, chargedCents: 350, paidCents: 300, eraCount: 2 });
	});
});
