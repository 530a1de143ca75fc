/**
 * Remembers values built from a key, for values that repeat all over a
 * remittance (dates, procedure codes): a large 835 then holds one object per
 * distinct value instead of one per line. Forgets everything when full, so
 * unusual input cannot grow it without bound.
 */
export class BoundedMemo<T> {
	private readonly values = new Map<string, T>();

	constructor(private readonly limit = 4096) {}

	get(key: string, make: (key: string) => T): T {
		let value = this.values.get(key);
		if (value === undefined) {
			if (this.values.size >= this.limit) this.values.clear();
			value = make(key);
			this.values.set(key, value);
		}
		return value;
	}
}
