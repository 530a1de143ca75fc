import { decimalToCents } from './money';
import { X12SyntaxError } from './problems';
import type { SliceMemo } from './sliceMemo';

export interface Delimiters {
	element: string;
	/** Empty when ISA11 is not a separator (version 00401 puts "U" there). */
	repetition: string;
	component: string;
	segment: string;
}

/** Read access to one segment, shared by the streaming cursor and stored segments. */
export interface SegmentView {
	/** Segment id, e.g. "CLP". */
	readonly id: string;
	/** 1-based ordinal of the segment in the file. */
	readonly segmentNumber: number;
	/** Delimiters of the interchange the segment belongs to. */
	readonly delimiters: Delimiters;
	/** Number of elements including the id. */
	readonly elementCount: number;
	/** Element `index` as the guides number it (0 is the id, 3 is "XX03"); '' when absent. */
	element(index: number): string;
	/** Element `index` read as integer cents: null when empty, undefined when not a decimal. */
	cents(index: number): number | null | undefined;
	/** What `memo` remembers for element `index`'s text, looked up without cutting a string. */
	recallAt<T>(index: number, memo: SliceMemo<T>): T | undefined;
}

/** ISA is fixed width: 105 characters of data, the terminator is character 106. */
export const ISA_LENGTH = 106;
const ELEMENT_AT = 3;
const REPETITION_AT = 82;
const COMPONENT_AT = 104;
const TERMINATOR_AT = 105;
const ISA_LAST_SEPARATOR_AT = 103;

const CR = 13;
const LF = 10;
const LETTER_I = 73;

function isWhitespace(code: number): boolean {
	return code === CR || code === LF || code === 32 || code === 9 || code === 0xfeff;
}

function isAlphanumeric(ch: string | undefined): boolean {
	return ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
}

/**
 * Ids, qualifiers and codes are 1–3 characters and repeat on every segment;
 * handing out one shared string for each spares an allocation per element.
 */
const ASCII = 128;
/** Direct-mapped: a slot is one array read, cheaper than a Map lookup per element. */
const CACHE_SLOTS = 4096;
const cachedKeys = new Int32Array(CACHE_SLOTS).fill(-1);
const cachedStrings: string[] = new Array<string>(CACHE_SLOTS).fill('');

function shortString(text: string, start: number, length: number): string {
	let key = length;
	for (let i = 0; i < length; i++) {
		const code = text.charCodeAt(start + i);
		if (code >= ASCII) return text.slice(start, start + length);
		key = key * ASCII + code;
	}
	const slot = (key ^ (key >>> 11)) & (CACHE_SLOTS - 1);
	if (cachedKeys[slot] !== key) {
		cachedKeys[slot] = key;
		cachedStrings[slot] = internalized(text.slice(start, start + length));
	}
	return cachedStrings[slot];
}

/**
 * The engine's canonical copy of `text`: property names are canonical, so the
 * key of a fresh object is. Segment ids and codes are compared with literals
 * on every segment ("CLP", "QC"), and canonical strings compare by identity.
 */
function internalized(text: string): string {
	return Object.keys({ [text]: 0 })[0];
}

/** An "ISA" followed by a non-alphanumeric (its element separator) starts an interchange. */
function isIsaAt(text: string, at: number): boolean {
	return text.charCodeAt(at) === LETTER_I && text.startsWith('ISA', at) && !isAlphanumeric(text[at + 3]);
}

export function readDelimiters(text: string, isaStart: number): Delimiters {
	if (text.length - isaStart < ISA_LENGTH) {
		throw new X12SyntaxError(`ISA at character ${isaStart} is shorter than ${ISA_LENGTH} characters`, 'ISA');
	}
	const element = text[isaStart + ELEMENT_AT];
	// A misplaced 16th separator means the fixed positions would yield garbage delimiters.
	if (text[isaStart + ISA_LAST_SEPARATOR_AT] !== element || isAlphanumeric(element)) {
		throw new X12SyntaxError(`ISA at character ${isaStart} is not ${ISA_LENGTH} characters of fixed-width fields`, 'ISA');
	}
	const repetition = text[isaStart + REPETITION_AT];
	return {
		element,
		repetition: isAlphanumeric(repetition) ? '' : repetition,
		component: text[isaStart + COMPONENT_AT],
		segment: text[isaStart + TERMINATOR_AT],
	};
}

/**
 * Walks the segments of X12 text one at a time, recording element boundaries
 * in a reused buffer instead of allocating strings: only the elements a caller
 * asks for become strings. That is what makes parse835 fast on large files.
 * Delimiters come from each ISA, so interchanges with different delimiters may
 * follow one another. Line breaks after terminators are skipped; a file whose
 * terminator is the newline itself works because it is read from the ISA.
 */
export class SegmentCursor implements SegmentView {
	id = '';
	segmentNumber = 0;
	elementCount = 0;
	/** True while the current segment is an ISA (a new interchange begins). */
	startsInterchange = false;
	/** Offsets of the current segment's text, terminator excluded. */
	start = 0;
	end = 0;
	private current: Delimiters | null = null;
	private bounds = new Int32Array(64);
	private position: number;

	constructor(private readonly text: string) {
		this.position = 0;
		while (this.position < text.length && isWhitespace(text.charCodeAt(this.position))) this.position++;
		if (this.position >= text.length) throw new X12SyntaxError('X12 text is empty');
		if (!isIsaAt(text, this.position)) {
			throw new X12SyntaxError(`expected ISA at character ${this.position}, found "${text.slice(this.position, this.position + 3)}"`);
		}
	}

	get delimiters(): Delimiters {
		if (this.current === null) throw new Error('SegmentCursor.next() has not been called');
		return this.current;
	}

	/** Moves to the next segment; false at the end of the text. */
	next(): boolean {
		const text = this.text;
		const length = text.length;
		for (;;) {
			let start = this.position;
			while (start < length && isWhitespace(text.charCodeAt(start))) start++;
			if (start >= length) return false;
			if (isIsaAt(text, start)) {
				this.readIsa(start);
			} else if (!this.scan(start)) {
				continue;
			}
			this.id = this.element(0);
			this.segmentNumber++;
			return true;
		}
	}

	element(index: number): string {
		if (index >= this.elementCount) return '';
		const start = this.bounds[2 * index];
		const end = this.bounds[2 * index + 1];
		return end - start <= 3 ? shortString(this.text, start, end - start) : this.text.slice(start, end);
	}

	cents(index: number): number | null | undefined {
		if (index >= this.elementCount) return null;
		const start = this.bounds[2 * index];
		const end = this.bounds[2 * index + 1];
		return end === start ? null : decimalToCents(this.text, start, end);
	}

	recallAt<T>(index: number, memo: SliceMemo<T>): T | undefined {
		if (index >= this.elementCount) return memo.find(this.text, 0, 0);
		return memo.find(this.text, this.bounds[2 * index], this.bounds[2 * index + 1]);
	}

	private readIsa(start: number): void {
		this.current = readDelimiters(this.text, start);
		this.startsInterchange = true;
		this.split(start, start + TERMINATOR_AT, this.current.element.charCodeAt(0));
		this.position = start + ISA_LENGTH;
	}

	/** Records the segment starting at `start`; false when it is empty. */
	private scan(start: number): boolean {
		const text = this.text;
		const terminator = this.delimiters.segment;
		let end = text.indexOf(terminator, start);
		if (end < 0) end = text.length;
		this.position = end + 1;
		// With LF as terminator, a CRLF file leaves a CR at each segment's end.
		if (terminator === '\n' && text.charCodeAt(end - 1) === CR) end--;
		if (end <= start) return false;
		this.startsInterchange = false;
		this.split(start, end, this.delimiters.element.charCodeAt(0));
		return true;
	}

	/** Records element boundaries; locals instead of fields keep the per-character loop tight. */
	private split(start: number, end: number, separator: number): void {
		const text = this.text;
		let bounds = this.bounds;
		let at = 0;
		let elementStart = start;
		for (let i = start; i <= end; i++) {
			if (i === end || text.charCodeAt(i) === separator) {
				if (at + 2 > bounds.length) bounds = this.grow();
				bounds[at] = elementStart;
				bounds[at + 1] = i;
				at += 2;
				elementStart = i + 1;
			}
		}
		this.elementCount = at >> 1;
		this.start = start;
		this.end = end;
	}

	private grow(): Int32Array<ArrayBuffer> {
		const grown = new Int32Array(this.bounds.length * 2);
		grown.set(this.bounds);
		this.bounds = grown;
		return grown;
	}
}
