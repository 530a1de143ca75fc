import { amountAt } from './money';
import { isValidNpi } from './npi';
import { X12SyntaxError, problemAt, type X12Problem } from './problems';
import type { Segment } from './tokenizer';

/** Rules applied to the segments of one 837P transaction set (ST..SE). */

export const MAX_CLAIM_ID_LENGTH = 20;

/** Every NM1 that identifies someone by NPI (NM108 = XX): 85, 82, 77, DN, DK, … */
export function checkNpis(segments: Segment[], problems: X12Problem[]): void {
	for (const segment of segments) {
		if (segment.id !== 'NM1' || segment.elements[8] !== 'XX') continue;
		const npi = segment.elements[9] ?? '';
		if (!isValidNpi(npi)) {
			problems.push(problemAt('NM1', segment.segmentNumber, `NPI "${npi}" in NM1*${segment.elements[1]} fails the check digit`));
		}
	}
}

/** CLM02 must equal the sum of the claim's SV102; CLM01 at most 20 characters. */
export function checkClaimTotals(segments: Segment[], problems: X12Problem[]): void {
	let claim: Segment | null = null;
	// null once a line amount is unreadable: that line is reported, the sum is unknown.
	let linesCents: number | null = 0;
	let lines = 0;
	const close = (): void => {
		if (claim === null) return;
		const charged = tryAmount(claim, 2, problems);
		if (lines === 0) problems.push(problemAt('CLM', claim.segmentNumber, 'claim has no service line (SV1)'));
		else if (charged !== null && linesCents !== null && charged !== linesCents) {
			problems.push(problemAt('CLM', claim.segmentNumber, `CLM02 ${charged} cents != sum of SV102 ${linesCents} cents`));
		}
		claim = null;
	};
	for (const segment of segments) {
		if (segment.id === 'CLM') {
			close();
			[claim, linesCents, lines] = [segment, 0, 0];
			checkClaimId(segment, problems);
		} else if (segment.id === 'SV1') {
			const lineCents = tryAmount(segment, 2, problems);
			linesCents = lineCents === null || linesCents === null ? null : linesCents + lineCents;
			lines++;
		} else if (segment.id === 'HL' || segment.id === 'SE') {
			close();
		}
	}
	close();
}

function checkClaimId(clm: Segment, problems: X12Problem[]): void {
	const claimId = clm.elements[1] ?? '';
	if (claimId.length === 0 || claimId.length > MAX_CLAIM_ID_LENGTH) {
		problems.push(
			problemAt('CLM', clm.segmentNumber, `CLM01 "${claimId}" is ${claimId.length} characters; it must be 1 to ${MAX_CLAIM_ID_LENGTH}`),
		);
	}
}

function tryAmount(segment: Segment, index: number, problems: X12Problem[]): number | null {
	try {
		return amountAt(segment, index);
	} catch (error) {
		if (!(error instanceof X12SyntaxError)) throw error;
		problems.push(problemAt(segment.id, segment.segmentNumber, error.message.replace(/^.*?: /, '')));
		return null;
	}
}

/** The billing provider (2010AA) address must carry a 9-digit ZIP in N403. */
export function checkBillingProviderZip(segments: Segment[], problems: X12Problem[]): void {
	const start = segments.findIndex((segment) => segment.id === 'NM1' && segment.elements[1] === '85');
	if (start < 0) {
		const first = segments[0];
		problems.push(problemAt(first.id, first.segmentNumber, 'no billing provider (NM1*85)'));
		return;
	}
	for (let i = start + 1; i < segments.length; i++) {
		const segment = segments[i];
		if (segment.id === 'NM1' || segment.id === 'HL') break;
		if (segment.id !== 'N4') continue;
		const zip = segment.elements[3] ?? '';
		if (!/^\d{9}$/.test(zip)) {
			problems.push(problemAt('N4', segment.segmentNumber, `billing provider ZIP "${zip}" must be 9 digits`));
		}
		return;
	}
	problems.push(problemAt('NM1', segments[start].segmentNumber, 'billing provider has no N4 address'));
}
