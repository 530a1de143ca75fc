import { parse835 } from '../../../lib/x12';
import { fixture, plain } from './helpers';

/** Claims, lines and adjustments are views over the parser's store: what callers can rely on. */
describe('parse835 claim, line and adjustment views', () => {
	const [transaction] = parse835(fixture('linuxforhealth-x12/835/managed-care.835')).transactions;
	const [claim] = transaction.claims;

	it('read the same values on every read, as plain data through JSON and spreads', () => {
		expect(plain(claim.services)).toEqual(plain(claim.services));
		expect(claim.services[0].procedureCode).toBe('99211');
		expect(claim.services[0].adjustments[0]).toMatchObject({ group: 'PR', reason: '1', amountCents: 30000, quantity: null });
		expect({ ...claim.patient }).toEqual({ lastName: 'BUDD', firstName: 'WILLIAM', memberId: '33344555510' });
		expect(Object.keys(plain(claim) as object)).toEqual([
			'patientControlNumber', 'statusCode', 'chargeCents', 'paidCents', 'patientResponsibilityCents', 'claimFilingIndicator',
			'payerClaimNumber', 'patient', 'statementFrom', 'statementTo', 'adjustments', 'services', 'segmentNumber',
		]);
	});

	it('cannot be edited: a parse result is read, not changed', () => {
		expect(() => {
			(claim as { paidCents: number }).paidCents = 1;
		}).toThrow(TypeError);
		expect(claim.paidCents).toBe(45000);
	});
});
