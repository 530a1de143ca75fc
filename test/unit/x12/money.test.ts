import { X12SyntaxError, centsToDecimal, decimalToCents, parse835 } from '../../../lib/x12';
import { wrap835 } from './helpers';

describe('decimalToCents', () => {
	it.each([
		['123.4', 12340],
		['-5', -500],
		['.5', 50],
		['0', 0],
		['-0', 0],
		['-0.01', -1],
		['34.25', 3425],
		['1.500', 150],
		['5.', 500],
		['0.07', 7],
		['1000000.99', 100000099],
		['9999999999999.99', 999999999999999],
	])('reads %s as %i cents', (raw, cents) => {
		expect(decimalToCents(raw)).toBe(cents);
	});

	it('is exact where floating point is not', () => {
		// In binary floating point 0.29 * 100 = 28.999999999999996 and 4.35 * 100 = 434.99999999999994.
		expect(decimalToCents('0.29')).toBe(29);
		expect(decimalToCents('4.35')).toBe(435);
		expect(decimalToCents('1.10')).toBe(110);
	});

	it.each(['', '-', '.', '-.', '1.2.3', '1,00', '+5', '1e3', ' 5', '5 ', '1.005', 'abc', '--1', '12345678901234'])(
		'rejects %j',
		(raw) => {
			expect(decimalToCents(raw)).toBeUndefined();
		},
	);
});

describe('centsToDecimal', () => {
	it.each([
		[15000, '150'],
		[12340, '123.4'],
		[12345, '123.45'],
		[5, '0.05'],
		[0, '0'],
		[-500, '-5'],
		[-1, '-0.01'],
	])('writes %i cents as %s', (cents, text) => {
		expect(centsToDecimal(cents)).toBe(text);
	});

	it('round-trips through decimalToCents', () => {
		for (let cents = -2050; cents <= 2050; cents += 7) {
			expect(decimalToCents(centsToDecimal(cents))).toBe(cents);
		}
	});

	it('refuses fractions of a cent', () => {
		expect(() => centsToDecimal(10.5)).toThrow(RangeError);
	});
});

describe('amounts inside segments', () => {
	const claim = (charge: string, paid: string) => wrap835(['BPR*I*10*C*CHK', 'TRN*1*1*1', `CLP*A*1*${charge}*${paid}`]);

	it('names the segment and element of a malformed amount', () => {
		let caught: unknown;
		try {
			parse835(claim('12.3.4', '10'));
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(X12SyntaxError);
		const error = caught as X12SyntaxError;
		expect(error.message).toBe('CLP at segment 6: CLP03 malformed amount "12.3.4"');
		expect(error.element).toBe('CLP03');
		expect(error.segmentNumber).toBe(6);
	});

	it('names the element of a missing required amount', () => {
		expect(() => parse835(claim('10', ''))).toThrow('CLP at segment 6: CLP04 missing amount');
	});
});
