import { problemAt, X12SyntaxError, type X12Problem } from './problems';
import { ISA_LENGTH, tokenize, type Segment, type TokenizedX12 } from './tokenizer';
import { checkBillingProviderZip, checkClaimTotals, checkNpis } from './validateClaims837P';
import { checkEnvelopes } from './validateEnvelopes';
import { checkHierarchy } from './validateHierarchy';

export interface ValidationResult {
	valid: boolean;
	problems: X12Problem[];
}

const ISA_SEPARATORS = 16;

/** Structural and content checks a clearinghouse would reject an 837P for. */
export function validate837P(text: string): ValidationResult {
	const isaProblem = checkIsaLength(text);
	if (isaProblem !== null) return { valid: false, problems: [isaProblem] };
	let tokens: TokenizedX12;
	try {
		tokens = tokenize(text);
	} catch (error) {
		if (!(error instanceof X12SyntaxError)) throw error;
		return { valid: false, problems: [problemAt(error.segment ?? 'ISA', error.segmentNumber ?? 1, error.message)] };
	}
	const problems = checkEnvelopes(tokens.segments);
	for (const transaction of transactionSets(tokens.segments)) {
		checkNpis(transaction, problems);
		checkClaimTotals(transaction, problems);
		checkBillingProviderZip(transaction, problems);
		checkHierarchy(transaction, problems);
	}
	problems.sort((a, b) => a.segmentNumber - b.segmentNumber);
	return { valid: problems.length === 0, problems };
}

/**
 * ISA fields are fixed width, so its 16th separator must sit at offset 103,
 * making the segment 106 characters with its terminator. Checked on the raw
 * text because the tokenizer trusts those fixed positions.
 */
function checkIsaLength(text: string): X12Problem | null {
	const start = text.search(/\S/);
	if (start < 0 || !text.startsWith('ISA', start)) return problemAt('ISA', 1, 'text does not start with ISA');
	const separator = text[start + 3];
	let at = start + 3;
	for (let n = 1; n < ISA_SEPARATORS; n++) {
		at = text.indexOf(separator, at + 1);
		if (at < 0) return problemAt('ISA', 1, `ISA has fewer than ${ISA_SEPARATORS} elements`);
	}
	// ISA16 is one character and the terminator follows it.
	const length = at - start + 3;
	if (length !== ISA_LENGTH) return problemAt('ISA', 1, `ISA is ${length} characters; it must be exactly ${ISA_LENGTH}`);
	return null;
}

/** Each ST..SE run of an 837 (an unterminated one runs to the end). */
function transactionSets(segments: Segment[]): Segment[][] {
	const sets: Segment[][] = [];
	let current: Segment[] | null = null;
	for (const segment of segments) {
		if (segment.id === 'ST') current = segment.elements[1] === '837' ? [] : null;
		if (current === null) continue;
		current.push(segment);
		if (segment.id === 'SE') {
			sets.push(current);
			current = null;
		}
	}
	if (current !== null) sets.push(current);
	return sets;
}
