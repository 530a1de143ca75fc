/**
 * Remembers values built from short runs of text (dates, procedure composites)
 * that repeat all over a remittance, looked up by the characters in place: a
 * hit costs no substring, no string hashing and no closure, and a large 835
 * holds one value per distinct text instead of one per line. Direct-mapped,
 * so unusual input can only overwrite slots, never grow it.
 */
const DEFAULT_SLOTS = 4096;
/** V8 keeps strings of 13+ characters cut from a text as views that pin the whole text. */
const SHORTEST_VIEW = 13;

export class SliceMemo<T> {
	private readonly keys: string[];
	private readonly values: Array<T | undefined>;
	private readonly mask: number;
	private slot = 0;

	/** `slots` must be a power of two. */
	constructor(slots = DEFAULT_SLOTS) {
		if (slots <= 0 || (slots & (slots - 1)) !== 0) throw new RangeError(`slots must be a power of two, got ${slots}`);
		this.keys = new Array<string>(slots).fill('');
		this.values = new Array<T | undefined>(slots).fill(undefined);
		this.mask = slots - 1;
	}

	/** The value remembered for text[start, end), or undefined; `remember` then fills the same slot. */
	find(text: string, start: number, end: number): T | undefined {
		let hash = end - start;
		for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
		this.slot = (hash ^ (hash >>> 15)) & this.mask;
		const key = this.keys[this.slot];
		return key.length === end - start && text.startsWith(key, start) ? this.values[this.slot] : undefined;
	}

	/** Stores `value` for the text last passed to `find`; returns `value`. */
	remember(key: string, value: T): T {
		// A module-level cache must not keep a caller's whole file alive through a view.
		this.keys[this.slot] = owned(key);
		this.values[this.slot] = value;
		return value;
	}
}

/** `text`, or when it may be a view into a larger text, a copy that owns its characters (join builds a flat string). */
export function owned(text: string): string {
	return text.length < SHORTEST_VIEW ? text : text.split('').join('');
}
