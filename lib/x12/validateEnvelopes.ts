import { problemAt, type X12Problem } from './problems';
import type { Segment } from './tokenizer';

/**
 * Checks the ISA/GS/ST headers against their trailers: SE01 counts ST..SE
 * inclusive, SE02 = ST02, GE01 counts transaction sets, GE02 = GS06, IEA01
 * counts functional groups, IEA02 = ISA13.
 */
export function checkEnvelopes(segments: Segment[]): X12Problem[] {
	const problems: X12Problem[] = [];
	let isa: Segment | null = null;
	let gs: Segment | null = null;
	let st: Segment | null = null;
	let groups = 0;
	let sets = 0;
	for (const segment of segments) {
		switch (segment.id) {
			case 'ISA':
				[isa, groups] = [segment, 0];
				break;
			case 'GS':
				[gs, sets, groups] = [segment, 0, groups + 1];
				break;
			case 'ST':
				[st, sets] = [segment, sets + 1];
				break;
			case 'SE':
				checkTrailer(segment, st, segment.segmentNumber - (st?.segmentNumber ?? 0) + 1, 'segments in ST..SE', 2, problems);
				st = null;
				break;
			case 'GE':
				checkTrailer(segment, gs, sets, 'transaction sets', 6, problems);
				gs = null;
				break;
			case 'IEA':
				checkTrailer(segment, isa, groups, 'functional groups', 13, problems);
				isa = null;
				break;
		}
	}
	for (const [header, trailer] of [[st, 'SE'], [gs, 'GE'], [isa, 'IEA']] as const) {
		if (header !== null) problems.push(problemAt(header.id, header.segmentNumber, `has no ${trailer}`));
	}
	return problems;
}

/** Trailer element 01 must equal `count`, element 02 must repeat the header's control number. */
function checkTrailer(
	trailer: Segment,
	header: Segment | null,
	count: number,
	counted: string,
	controlIndex: number,
	problems: X12Problem[],
): void {
	const id = trailer.id;
	if (header === null) {
		problems.push(problemAt(id, trailer.segmentNumber, 'has no matching header'));
		return;
	}
	const declared = trailer.elements[1] ?? '';
	if (!/^\d+$/.test(declared) || Number(declared) !== count) {
		problems.push(problemAt(id, trailer.segmentNumber, `${id}01 is "${declared}" but there are ${count} ${counted}`));
	}
	const control = trailer.elements[2] ?? '';
	const expected = header.elements[controlIndex] ?? '';
	if (control !== expected) {
		const headerRef = `${header.id}${String(controlIndex).padStart(2, '0')}`;
		problems.push(problemAt(id, trailer.segmentNumber, `${id}02 "${control}" does not match ${headerRef} "${expected}"`));
	}
}
