/**
 * Shared error and problem shapes. Every message names the segment id and its
 * 1-based ordinal in the file ("segment 20"): the ordinal is unique across
 * several envelopes and equals the line number when a file has one segment a line.
 */

export interface X12Problem {
	/** Segment id the problem is about, e.g. "SVC". */
	segment: string;
	/** 1-based ordinal of that segment in the file. */
	segmentNumber: number;
	/** Human-readable sentence that starts with "<ID> at segment <n>". */
	message: string;
}

export function segmentLabel(id: string, segmentNumber: number): string {
	return `${id} at segment ${segmentNumber}`;
}

export function problemAt(id: string, segmentNumber: number, detail: string): X12Problem {
	return { segment: id, segmentNumber, message: `${segmentLabel(id, segmentNumber)}: ${detail}` };
}

/** Thrown when input text cannot be read as X12 at all (bad ISA, malformed amount...). */
export class X12SyntaxError extends Error {
	constructor(
		message: string,
		readonly segment?: string,
		readonly segmentNumber?: number,
		readonly element?: string,
	) {
		super(message);
		this.name = 'X12SyntaxError';
	}
}

/** Two-digit element reference as the implementation guides write it: CLP + 3 → "CLP03". */
export function elementRef(id: string, index: number): string {
	return index < 10 ? `${id}0${index}` : `${id}${index}`;
}
