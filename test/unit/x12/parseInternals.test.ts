import { parse835 } from '../../../lib/x12';
import { RowTable } from '../../../lib/x12/rowTable';
import { SliceMemo, owned } from '../../../lib/x12/sliceMemo';
import { plain, wrap835 } from './helpers';

/**
 * The parser's speed comes from caches and reused buffers that are shared
 * across lines, claims and calls; these tests make sure none of that sharing
 * can hand one line's value to another.
 */
describe('SliceMemo', () => {
	it('finds a remembered value by the characters, wherever they sit in whichever text', () => {
		const memo = new SliceMemo<number>();
		expect(memo.find('xxHC:90837yy', 2, 10)).toBeUndefined();
		memo.remember('HC:90837', 1);
		expect(memo.find('HC:90837', 0, 8)).toBe(1);
		expect(memo.find('SVC*HC:90837*100', 4, 12)).toBe(1);
		expect(memo.find('HC:90834', 0, 8)).toBeUndefined();
		expect(memo.find('HC:908370', 0, 9)).toBeUndefined();
	});

	it('never returns the value of other text, even when more keys than slots share the slots', () => {
		const memo = new SliceMemo<string>(64);
		const keys = Array.from({ length: 1000 }, (_, i) => `K${(i * 7919) % 100_003}`);
		for (const key of keys) {
			if (memo.find(key, 0, key.length) === undefined) memo.remember(key, `value of ${key}`);
		}
		let hits = 0;
		for (const key of keys) {
			const found = memo.find(`..${key}..`, 2, 2 + key.length);
			if (found !== undefined) {
				hits++;
				expect(found).toBe(`value of ${key}`);
			}
		}
		// Direct-mapped: most keys were overwritten, some are still there.
		expect(hits).toBeGreaterThan(10);
		expect(hits).toBeLessThanOrEqual(64);
	});

	it('never mistakes a text for a longer or shorter one that starts the same way', () => {
		const memo = new SliceMemo<number>(16);
		const text = 'A'.repeat(100);
		// 100 keys in 16 slots, each a prefix of the next: collisions are certain.
		for (let length = 1; length <= 100; length++) {
			if (memo.find(text, 0, length) === undefined) memo.remember(text.slice(0, length), length);
		}
		for (let length = 1; length <= 100; length++) {
			const found = memo.find(text, 0, length);
			if (found !== undefined) expect(found).toBe(length);
		}
	});

	it('takes only a power of two as its size', () => {
		expect(() => new SliceMemo(48)).toThrow(RangeError);
		expect(() => new SliceMemo(0)).toThrow(RangeError);
	});

	it('owned() returns the same characters', () => {
		const long = `${'A'.repeat(20)}:${'B'.repeat(20)}`;
		expect(owned(long.slice(3, 30))).toBe(long.slice(3, 30));
		expect(owned('HC:90837')).toBe('HC:90837');
	});
});

describe('RowTable', () => {
	it('keeps every row\'s values across the first chunk\'s growth and later chunks', () => {
		const table = new RowTable(3);
		const rows = 10_000;
		for (let n = 0; n < rows; n++) {
			expect(table.add()).toBe(n);
			table.current[table.at] = n;
			table.putNumber(1, n % 2 === 0 ? -n : null);
			table.current[table.at + 2] = n * 7;
		}
		for (const n of [0, 31, 32, 127, 128, 2047, 2048, 4095, 4096, 8191, 8192, rows - 1]) {
			expect([table.valuesOf(n)[table.offsetOf(n)], table.number(n, 1), table.valuesOf(n)[table.offsetOf(n) + 2]]).toEqual([n, n % 2 === 0 ? -n : null, n * 7]);
		}
	});

	it('returns numbers that do not fit 32 bits exactly, and null apart from them', () => {
		const table = new RowTable(1);
		const values = [0, -1, 2 ** 31 - 1, -(2 ** 31) + 2, 2 ** 31, -(2 ** 31), -(2 ** 31) + 1, 1.5, -0, 99_999_999_999_99, null];
		for (const value of values) {
			table.add();
			table.putNumber(0, value);
		}
		const read = values.map((_, row) => table.number(row, 0));
		expect(read).toEqual(values);
		expect(Object.is(read[8], -0)).toBe(true);
	});
});

const header = ['BPR*I*0*C*NON', 'TRN*1*T1*1512345678'];
const day = (n: number) => {
	const date = new Date(Date.UTC(2000, 0, 1) + n * 86_400_000);
	return date.toISOString().slice(0, 10);
};

describe('parse835 with the shared caches', () => {
	it('reads every one of more distinct dates and procedures than the caches hold', () => {
		const lines = 6000;
		const body = [...header, 'CLP*TN1*1*0*0'];
		for (let n = 0; n < lines; n++) {
			body.push(`SVC*HC:${10000 + n}:M${n % 50}*0*0`, `DTM*472*${day(n).replace(/-/g, '')}`);
		}
		const [transaction] = parse835(wrap835(body)).transactions;
		const services = transaction.claims[0].services;
		const expected = Array.from({ length: lines }, (_, n) => [String(10000 + n), [`M${n % 50}`], day(n)]);
		expect(services.map((service) => [service.procedureCode, service.modifiers, service.serviceDate])).toEqual(expected);
		// A second pass reads the same values from warm caches.
		expect(plain(parse835(wrap835(body)).transactions[0].claims[0].services)).toEqual(plain(services));
	});

	it('splits the same SVC01 text by each interchange\'s own component separator', () => {
		const colon = wrap835([...header, 'CLP*TN1*1*0*0', 'SVC*HC:90837:95*0*0']);
		// The same interchange with ">" declared as the component separator (ISA16).
		const chevron = colon.replace('*T*:~', '*T*>~');
		expect(chevron).not.toBe(colon);
		const service = (text: string) => parse835(text).transactions[0].claims[0].services[0];
		expect(service(colon)).toMatchObject({ procedureQualifier: 'HC', procedureCode: '90837', modifiers: ['95'] });
		expect(service(chevron)).toMatchObject({ procedureQualifier: 'HC:90837:95', procedureCode: '', modifiers: [] });
		expect(service(colon)).toMatchObject({ procedureQualifier: 'HC', procedureCode: '90837', modifiers: ['95'] });
		expect(service(`${colon}${chevron}`)).toMatchObject({ procedureCode: '90837' });
		expect(parse835(`${colon}${chevron}`).transactions[1].claims[0].services[0].procedureCode).toBe('');
	});

	it('gives every claim and line its own lists, whatever their lengths and order', () => {
		const [transaction] = parse835(
			wrap835([
				'BPR*I*60*C*ACH',
				'TRN*1*T1*1512345678',
				'CLP*A*1*100*10',
				'CAS*CO*45*10*1*253*20',
				'CAS*PR*1*30',
				'CAS*PR*2*30',
				'CLP*B*1*50*50',
				'SVC*HC:90791*20*20',
				'SVC*HC:90792*10*10',
				'LQ*HE*N1',
				'LQ*HE*N2',
				'SVC*HC:90793*20*20',
				'REF*6R*L3',
				'LX*2',
				'CLP*C*1*0*0',
				'SVC*HC:90794*0*0',
				'CAS*CO*45*5',
				'CAS*CO*45*-5',
				'CAS*OA*23*1',
				'CAS*OA*23*-1',
			]),
		).transactions;
		const [a, b, c] = transaction.claims;
		expect(a.services).toEqual([]);
		expect(a.adjustments.map((adjustment) => [adjustment.group, adjustment.reason, adjustment.amountCents])).toEqual([
			['CO', '45', 1000], ['CO', '253', 2000], ['PR', '1', 3000], ['PR', '2', 3000],
		]);
		expect(b.adjustments).toEqual([]);
		expect(b.services.map((service) => [service.procedureCode, service.remarkCodes, service.lineControlNumber, service.adjustments])).toEqual([
			['90791', [], null, []],
			['90792', ['N1', 'N2'], null, []],
			['90793', [], 'L3', []],
		]);
		expect(c.services[0].adjustments.map((adjustment) => adjustment.amountCents)).toEqual([500, -500, 100, -100]);
		expect(transaction.problems).toEqual([]);
	});
});
