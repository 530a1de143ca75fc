import { parse835 } from '../../../lib/x12';
import { generate835 } from '../../../bench/x12.bench';
import { parse835 as referenceParse835 } from './reference/parse835';
import { fixture, fixtureFiles, wrap835 } from './helpers';

/**
 * The parser's output must stay byte-for-byte what the frozen reference
 * (test/unit/x12/reference, the parser before the compact result store)
 * produced: the same JSON, or the same error, on every public sample and on
 * thousands of mutated variants of each (segments dropped, doubled, swapped,
 * cut off; elements emptied, altered, made malformed).
 */

interface Outcome {
	json?: string;
	error?: string;
}

function outcome(parse: (text: string) => unknown, text: string): Outcome {
	try {
		return { json: JSON.stringify(parse(text)) };
	} catch (error) {
		const e = error as Error & { segment?: string; segmentNumber?: number; element?: string };
		return { error: JSON.stringify([e.name, e.message, e.segment, e.segmentNumber, e.element]) };
	}
}

/** Splits into segments keeping each terminator (and any line break after it) with its segment. */
function segmentsOf(text: string): { isa: string; rest: string[]; element: string; terminator: string } {
	const start = text.indexOf('ISA');
	const element = text[start + 3];
	const terminator = text[start + 105];
	const parts = text.slice(start).split(terminator);
	const tail = parts.pop() ?? '';
	const segments = parts.map((part) => part + terminator);
	if (tail !== '') segments.push(tail);
	return { isa: segments[0], rest: segments.slice(1), element, terminator };
}

/** Element-level replacements: each keeps the file readable as X12, so the parser, not the tokenizer, decides. */
const ELEMENT_EDITS: Array<(value: string) => string> = [
	() => '',
	(value) => value.replace(/[0-9]/, (digit) => String((Number(digit) + 1) % 10)),
	(value) => `-${value}`,
	(value) => `${value}.5`,
	(value) => `${value}.005`,
	(value) => `${value}X`,
	(value) => value.slice(0, -1),
];

function* mutations(text: string): Generator<string> {
	const { isa, rest, element, terminator } = segmentsOf(text);
	const join = (segments: string[]) => isa + segments.join('');
	for (let i = 0; i < rest.length; i++) {
		yield join([...rest.slice(0, i), ...rest.slice(i + 1)]);
		yield join([...rest.slice(0, i + 1), ...rest.slice(i)]);
		if (i + 1 < rest.length) yield join([...rest.slice(0, i), rest[i + 1], rest[i], ...rest.slice(i + 2)]);
		yield join(rest.slice(0, i));
		const body = rest[i].slice(0, rest[i].indexOf(terminator));
		const after = rest[i].slice(body.length);
		const elements = body.split(element);
		for (let e = 1; e < elements.length; e++) {
			for (const edit of ELEMENT_EDITS) {
				const edited = [...elements];
				edited[e] = edit(edited[e]);
				yield join([...rest.slice(0, i), edited.join(element) + after, ...rest.slice(i + 1)]);
			}
		}
		// One more, empty element appended, as some payers send.
		yield join([...rest.slice(0, i), `${body}${element}${after}`, ...rest.slice(i + 1)]);
	}
}

/** Segments the samples do not exercise much: periods, remark codes, allowed amounts, PLB pairs, reversals. */
const FEATURES = wrap835([
	'BPR*I*55*C*ACH*CCP*01*111000025*DA*123456*1512345678**01*111000025*DA*98765*20240305',
	'TRN*1*EFT1*1512345678',
	'REF*2U*PAYER2U',
	'N1*PR*ACME HEALTH PLAN',
	'N1*PE*CALM MIND THERAPY LLC*XX*1234567893',
	'LX*1',
	'CLP*TN1*1*200*100*20*12*PCN0001',
	'NM1*QC*1*DOE*JANE****MI*M1',
	'DTM*232*20240301',
	'DTM*233*20240302',
	'CAS*OA*23*10*1.5',
	'SVC*HC:90837:95:GT:HO:AJ:DESC*200*100*0912*2',
	'DTM*150*20240301',
	'DTM*151*20240302',
	'CAS*CO*45*70*1*253*20',
	'REF*6R*LINECONTROL000001',
	'AMT*B6*130',
	'LQ*HE*N1',
	'LQ*HE*M2',
	'CLP*TN1*22*-200*-100*-20*12*PCN0001',
	'SVC*HC>90837*-200*-100',
	'CAS*CO*45*-100',
	// Amounts past 32 bits of cents, fractional and negative-zero quantities.
	'CLP*BIG*1*30000000*29999999.5*0.5*12',
	'SVC*HC:90837*30000000*29999999.5**1.5',
	'CAS*CO*45*0.5*-0*253*-21474836.48*2.25',
	'PLB*1234567893*20241231*WO:TN1*-50*L6*5*CV:CP*0',
]);

describe('parse835 output equals the frozen reference parser', () => {
	const files = fixtureFiles('.835', '.edi');
	// Mutating every segment of the large multi-payment sample would take minutes; it is compared whole below.
	const samples = [...files.filter((file) => !file.endsWith('profee-multiple.edi')).map((file) => [file, fixture(file)]), ['features', FEATURES]];

	it.each(samples)('on %s and its mutated variants', (_name, text) => {
		let variants = 0;
		let errors = 0;
		for (const variant of [text, ...mutations(text)]) {
			const expected = outcome(referenceParse835, variant);
			const actual = outcome(parse835, variant);
			if (actual.json !== expected.json || actual.error !== expected.error) {
				// Only the first difference: the whole variant would flood the output.
				expect({ variant, ...actual }).toEqual({ variant, ...expected });
			}
			variants++;
			if (expected.error !== undefined) errors++;
		}
		// Both paths must be exercised: variants that parse and variants that are refused.
		expect(variants).toBeGreaterThan(200);
		expect(errors).toBeGreaterThan(0);
		expect(errors).toBeLessThan(variants);
	});

	it('on the large multi-payment sample, whole', () => {
		const text = fixture('tastypackets-x12-parser/835/profee-multiple.edi');
		const actual = outcome(parse835, text);
		expect(actual.error).toBeUndefined();
		expect(actual.json).toBe(outcome(referenceParse835, text).json);
	});

	it('on a generated multi-transaction ERA like the benchmark\'s', () => {
		// Over 4,096 claims, so rows span several chunks of the store.
		const text = generate835(1_600_000);
		const actual = outcome(parse835, text);
		expect(actual.error).toBeUndefined();
		expect(actual.json).toBe(outcome(referenceParse835, text).json);
	});

	it('on the same text read twice (warm shared caches) and after a different interchange', () => {
		const text = fixture('tastypackets-x12-parser/835/profee.edi');
		const chevron = FEATURES.replace('*T*:~', '*T*>~');
		for (const variant of [text, chevron, text + chevron, chevron + text, text]) {
			expect(outcome(parse835, variant)).toEqual(outcome(referenceParse835, variant));
		}
	});
});
