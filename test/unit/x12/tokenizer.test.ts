import { SegmentCursor, X12SyntaxError, tokenize, type Segment } from '../../../lib/x12';
import { fixture, fixtureFiles } from './helpers';

const plain = (segments: Segment[]) => segments.map((segment) => segment.elements);

describe('tokenize', () => {
	const managedCare = fixture('linuxforhealth-x12/835/managed-care.835');

	it('reads the four delimiters from the fixed ISA positions', () => {
		const { interchanges, segments } = tokenize(managedCare);
		expect(interchanges).toHaveLength(1);
		expect(interchanges[0].delimiters).toEqual({ element: '*', repetition: '^', component: ':', segment: '~' });
		expect(segments[0].elements).toHaveLength(17);
		expect(segments[0].elements[16]).toBe(':');
		expect(segments.find((segment) => segment.id === 'SVC')?.elements[1]).toBe('HC:99211');
	});

	it('splits on whatever delimiters the ISA declares', () => {
		// Same content with | element, { repetition, > component and ! terminator, no line breaks.
		const redelimited = managedCare.replace(/\*/g, '|').replace(/\^/g, '{').replace(/:/g, '>').replace(/~\n?/g, '!');
		const { interchanges, segments } = tokenize(redelimited);
		expect(interchanges[0].delimiters).toEqual({ element: '|', repetition: '{', component: '>', segment: '!' });
		const expected = plain(tokenize(managedCare).segments).map((elements) =>
			elements.map((element) => element.replace(/\^/g, '{').replace(/:/g, '>')),
		);
		expect(plain(segments)).toEqual(expected);
	});

	it('ignores CR/LF after terminators', () => {
		const crlf = managedCare.replace(/\n/g, '\r\n');
		expect(plain(tokenize(crlf).segments)).toEqual(plain(tokenize(managedCare).segments));
	});

	it('reads newline-terminated, one-line and one-segment-a-line files alike', () => {
		const lines = plain(tokenize(fixture('tastypackets-x12-parser/835/profee.edi')).segments);
		const newlineTerminated = tokenize(fixture('tastypackets-x12-parser/835/multi-line-not-delimited.edi'));
		expect(newlineTerminated.interchanges[0].delimiters.segment).toBe('\n');
		expect(plain(newlineTerminated.segments)).toEqual(lines);
		expect(plain(tokenize(fixture('tastypackets-x12-parser/835/profee-one-line.edi')).segments)).toEqual(lines);
		expect(lines).toHaveLength(69); // SE01 65 plus ISA, GS, GE, IEA
	});

	it('handles a newline terminator with CRLF line ends', () => {
		const crlf = fixture('tastypackets-x12-parser/835/multi-line-not-delimited.edi').replace(/\n/g, '\r\n');
		const { segments, interchanges } = tokenize(crlf);
		// ISA106 is now CR, and the LF that follows each segment is skipped.
		expect(interchanges[0].delimiters.segment).toBe('\r');
		expect(segments.map((segment) => segment.id).slice(-3)).toEqual(['SE', 'GE', 'IEA']);
		expect(segments.every((segment) => !segment.elements.join('').includes('\n'))).toBe(true);
	});

	it('splits a file of several interchanges, each with its own delimiters', () => {
		const multiple = tokenize(fixture('tastypackets-x12-parser/835/profee-multiple.edi'));
		expect(multiple.interchanges).toHaveLength(156);
		expect(multiple.segments.filter((segment) => segment.id === 'ST')).toHaveLength(156);
		expect(multiple.interchanges[155].endSegment).toBe(multiple.segments.length);
		expect(multiple.segments[multiple.interchanges[1].firstSegment].id).toBe('ISA');

		const other = managedCare.replace(/\*/g, '|').replace(/~/g, '!');
		const mixed = tokenize(`${managedCare}\n${other}`);
		expect(mixed.interchanges.map((interchange) => interchange.delimiters.element)).toEqual(['*', '|']);
		const lastSegment = mixed.segments[mixed.segments.length - 1];
		expect(lastSegment.id).toBe('IEA');
		expect(lastSegment.delimiters.segment).toBe('!');
	});

	it('serializes a segment without its source text', () => {
		const [, gs] = tokenize(managedCare).segments;
		expect(JSON.parse(JSON.stringify(gs))).toEqual({ id: 'GS', elements: gs.elements, segmentNumber: 2 });
	});

	it('lets a cursor read the same elements, and amounts in place, without storing segments', () => {
		const cursor = new SegmentCursor(managedCare);
		const seen: string[][] = [];
		const amounts: (number | null | undefined)[] = [];
		while (cursor.next()) {
			seen.push(Array.from({ length: cursor.elementCount }, (_, i) => cursor.element(i)));
			if (cursor.id === 'CLP') amounts.push(cursor.cents(3), cursor.cents(4), cursor.cents(1), cursor.cents(20));
		}
		expect(seen).toEqual(plain(tokenize(managedCare).segments));
		// CLP01 "5554555444" reads as a number too, which is why amounts are only read where the guide has them.
		expect(amounts).toEqual([80000, 45000, 555455544400, null, 120000, 49500, 876543211200, null]);
	});

	it('numbers segments from 1 across the whole file', () => {
		const { segments } = tokenize(fixture('tastypackets-x12-parser/835/profee-multiple.edi'));
		expect(segments.every((segment, index) => segment.segmentNumber === index + 1)).toBe(true);
	});

	it('treats an alphanumeric ISA11 (version 00401 "U") as no repetition separator', () => {
		const v4010 = managedCare.replace('*^*00501*', '*U*00401*');
		expect(tokenize(v4010).interchanges[0].delimiters.repetition).toBe('');
	});

	it.each([
		['empty text', '  \n'],
		['text that does not start with ISA', 'GS*HP*1~'],
		['a short ISA', 'ISA*00*~'],
		['an ISA whose fields are not fixed width', managedCare.replace('*9876543210*01', '*987654321*01')],
	])('rejects %s', (_name, text) => {
		expect(() => tokenize(text)).toThrow(X12SyntaxError);
	});

	describe.each(fixtureFiles('.997'))('acknowledgement %s', (file) => {
		it('tokenizes even though it stops after AK1', () => {
			const { segments } = tokenize(fixture(file));
			expect(segments.map((segment) => segment.id)).toEqual(['ISA', 'GS', 'ST', 'AK1']);
			expect(segments[2].elements[1]).toBe('999');
		});
	});

	describe.each(fixtureFiles('.837'))('837P sample %s', (file) => {
		it('tokenizes, with as many CLM segments as a line grep finds', () => {
			const text = fixture(file);
			const { segments } = tokenize(text);
			const grepCount = text.split('\n').filter((line) => line.startsWith('CLM*')).length;
			expect(grepCount).toBeGreaterThan(0);
			expect(segments.filter((segment) => segment.id === 'CLM')).toHaveLength(grepCount);
			expect(segments.length).toBe(text.split('\n').filter((line) => line.trim() !== '').length);
			expect(segments.every((segment) => /^[A-Z][A-Z0-9]{1,2}$/.test(segment.id))).toBe(true);
		});
	});
});
