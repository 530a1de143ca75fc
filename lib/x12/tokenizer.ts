import { decimalToCents } from './money';
import { SegmentCursor, type Delimiters, type SegmentView } from './segmentCursor';
import type { SliceMemo } from './sliceMemo';

export { ISA_LENGTH, readDelimiters, SegmentCursor } from './segmentCursor';
export type { Delimiters, SegmentView } from './segmentCursor';

/**
 * A stored segment. Its elements are split from the source text on first use,
 * so tokenizing a large file costs one scan and one small object a segment.
 */
export class Segment implements SegmentView {
	readonly #source: string;
	readonly #start: number;
	readonly #end: number;
	#elements: string[] | null = null;

	constructor(
		readonly id: string,
		readonly segmentNumber: number,
		readonly delimiters: Delimiters,
		source: string,
		start: number,
		end: number,
	) {
		this.#source = source;
		this.#start = start;
		this.#end = end;
	}

	/** elements[0] is the id, so elements[3] is the guide's "XX03". */
	get elements(): string[] {
		this.#elements ??= this.#source.slice(this.#start, this.#end).split(this.delimiters.element);
		return this.#elements;
	}

	get elementCount(): number {
		return this.elements.length;
	}

	element(index: number): string {
		return this.elements[index] ?? '';
	}

	cents(index: number): number | null | undefined {
		const raw = this.element(index);
		return raw === '' ? null : decimalToCents(raw);
	}

	recallAt<T>(index: number, memo: SliceMemo<T>): T | undefined {
		const text = this.element(index);
		return memo.find(text, 0, text.length);
	}

	toJSON(): { id: string; elements: string[]; segmentNumber: number } {
		return { id: this.id, elements: this.elements, segmentNumber: this.segmentNumber };
	}
}

export interface Interchange {
	delimiters: Delimiters;
	/** Index into segments of this interchange's ISA. */
	firstSegment: number;
	/** Index one past its last segment (IEA, or the end of input if truncated). */
	endSegment: number;
}

export interface TokenizedX12 {
	segments: Segment[];
	interchanges: Interchange[];
}

/**
 * Splits X12 text into segments, one interchange entry per ISA. For one pass
 * over a large file without storing segments, use SegmentCursor directly.
 */
export function tokenize(text: string): TokenizedX12 {
	const cursor = new SegmentCursor(text);
	const segments: Segment[] = [];
	const interchanges: Interchange[] = [];
	while (cursor.next()) {
		if (cursor.startsInterchange) {
			if (interchanges.length > 0) interchanges[interchanges.length - 1].endSegment = segments.length;
			interchanges.push({ delimiters: cursor.delimiters, firstSegment: segments.length, endSegment: 0 });
		}
		segments.push(new Segment(cursor.id, cursor.segmentNumber, cursor.delimiters, text, cursor.start, cursor.end));
	}
	interchanges[interchanges.length - 1].endSegment = segments.length;
	return { segments, interchanges };
}
