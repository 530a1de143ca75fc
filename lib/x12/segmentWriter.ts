/** Accumulates segments; knows how many it holds so SE01 can be computed. */
export class SegmentWriter {
	private readonly segments: string[] = [];

	constructor(
		private readonly element: string,
		private readonly terminator: string,
	) {}

	/** Appends one segment; trailing empty elements are dropped, as X12 requires. */
	add(id: string, ...elements: (string | undefined)[]): void {
		let last = elements.length;
		while (last > 0 && !elements[last - 1]) last--;
		let segment = id;
		for (let i = 0; i < last; i++) segment += this.element + (elements[i] ?? '');
		this.segments.push(segment);
	}

	get count(): number {
		return this.segments.length;
	}

	toString(): string {
		return this.segments.join(this.terminator) + this.terminator;
	}
}
