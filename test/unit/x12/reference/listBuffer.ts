/** The shared value of every empty list in a parse result. */
export const NONE: readonly never[] = Object.freeze([]);

/**
 * Collects the items of one list (a line's adjustments, a claim's lines) in a
 * reused array, then hands them out as a new array of exact size. Growing each
 * result list with push() would reserve about 17 slots per list, and
 * re-copying it per item leaves garbage; on a large remittance either cost
 * more memory and garbage-collection time than the items themselves.
 */
export class ListBuffer<T> {
	private readonly items: T[] = [];
	private count = 0;

	get length(): number {
		return this.count;
	}

	add(item: T): void {
		this.items[this.count++] = item;
	}

	/** The items added since the last take, as an exact-size array (NONE when there are none). */
	take(): readonly T[] {
		const count = this.count;
		this.count = 0;
		const items = this.items;
		if (count === 0) return NONE;
		if (count === 1) return [items[0]];
		if (count === 2) return [items[0], items[1]];
		return items.slice(0, count);
	}
}

/** `list` plus `item` as a new exact-size array, for lists that rarely grow. */
export function withItem<T>(list: readonly T[], item: T): readonly T[] {
	return list.length === 0 ? [item] : list.concat([item]);
}
