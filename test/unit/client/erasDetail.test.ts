import { eraDetailOf, EraFileError } from '../../../lib/client/resources/erasDetail';
import type { EraSummary } from '../../../lib/client';
import { write835 } from '../../../sandbox/x12/write835';
import type { Remittance } from '../../../sandbox/x12/model';

/** Test data written by the sandbox's own 835 writer, read back by our parser. */
function remittance(traceNumber: string, paidCents: number): Remittance {
	return {
		traceNumber, originatorId: '1999999999', paymentCents: paidCents - 100, paymentDate: '2026-11-20',
		payer: { name: 'PAYER', electronicId: 'SX001', address: null, contactPhone: null },
		payee: { name: 'PRACTICE', npi: '1234567893', taxId: null, address: null },
		claims: [{
			patientControlNumber: '501', statusCode: '1', chargeCents: 16000, paidCents, patientResponsibilityCents: 2000, filingIndicator: 'CI', payerClaimNumber: 'PCN501',
			facilityCode: '11', frequency: '1', patient: { lastName: 'DOE', firstName: 'JANE', memberId: 'M9' }, adjustments: [],
			lines: [{ code: '90837', modifiers: ['95'], chargeCents: 16000, paidCents, units: 1, serviceDate: '2026-11-02', adjustments: [{ group: 'CO', reason: '45', amountCents: 16000 - 2000 - paidCents }, { group: 'PR', reason: '3', amountCents: 2000 }], controlNumber: '501-1' }],
		}],
		providerAdjustmentCents: [100],
	};
}

const file = (...remittances: Remittance[]) => write835({ senderId: 'SX001', receiverId: '1234567893', controlNumber: 5, createdAt: '2026-11-20T08:00', usage: 'T', remittances });

const era = (traceNumber: string): EraSummary => ({
	id: 31, encryptedId: 'era31xxxxxxxxxxxxxx', payerId: 1, payerName: 'PAYER', checkNumber: traceNumber, traceNumber, checkDate: '2026-11-20', receivedDate: '2026-11-20',
	paymentAmountCents: 0, claimCount: 1, status: 'unprocessed', source: 'upload',
});

describe('eraDetailOf', () => {
	test('maps the parsed 835 in cents: claims, lines, adjustments, provider adjustments, balance', () => {
		const detail = eraDetailOf(era('T-1'), file(remittance('T-1', 9200)));
		expect(detail).toMatchObject({ balanced: true, problems: [] });
		const [t] = detail.transactions;
		expect(t.payment).toMatchObject({ amountCents: 9100, traceNumber: 'T-1', date: '2026-11-20' });
		expect(t.providerAdjustments).toEqual([expect.objectContaining({ amountCents: 100 })]);
		expect(t.claims[0]).toMatchObject({ patientControlNumber: '501', chargeCents: 16000, paidCents: 9200, patientResponsibilityCents: 2000, payerClaimNumber: 'PCN501', patient: { lastName: 'DOE', memberId: 'M9' } });
		expect(t.claims[0].serviceLines[0]).toMatchObject({ procedureCode: '90837', modifiers: ['95'], lineControlNumber: '501-1', serviceDate: '2026-11-02', adjustments: [{ group: 'CO', reason: '45', amountCents: 4800, quantity: null }, { group: 'PR', reason: '3', amountCents: 2000, quantity: null }] });
	});

	test('a file with several payments keeps only the ERA\'s own trace number', () => {
		const text = file(remittance('T-1', 9200), remittance('T-2', 8000));
		expect(eraDetailOf(era('T-2'), text).transactions.map((t) => t.payment.traceNumber)).toEqual(['T-2']);
		const stranger = eraDetailOf(era('T-9'), text);
		expect(stranger.transactions).toHaveLength(2);
		expect(stranger).toMatchObject({ balanced: false, problems: ["no transaction carries the ERA's trace number T-9"] });
	});

	test('an unbalanced file says so; text that is not X12 is an EraFileError naming the ERA', () => {
		const unbalanced = file(remittance('T-1', 9200)).replace('BPR*I*91.00*', 'BPR*I*92.00*');
		expect(unbalanced).toContain('BPR*I*92.00*');
		const detail = eraDetailOf(era('T-1'), unbalanced);
		expect(detail.balanced).toBe(false);
		expect(detail.problems.length).toBeGreaterThan(0);
		expect(() => eraDetailOf(era('T-1'), 'not an 835')).toThrow(EraFileError);
		expect(() => eraDetailOf(era('T-1'), 'not an 835')).toThrow(/^The 835 of ERA 31 cannot be read: /);
	});
});
