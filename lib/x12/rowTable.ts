/**
 * Rows of 32-bit integers in fixed-size chunks: a large remittance's claims,
 * lines and adjustments without an object per record. Chunks are never copied
 * once full (growing one large array would copy it over and over), and the
 * first chunk starts small so a one-claim file does not pay for thousands of rows.
 * Numbers that do not fit (amounts over about $21 million, fractional units)
 * are kept exactly in a side map; null is a reserved value.
 */
const CHUNK_SHIFT = 12;
const CHUNK_ROWS = 1 << CHUNK_SHIFT;
const FIRST_CHUNK_ROWS = 32;
const NULL_NUMBER = -0x80000000;
/** The value lives in `wide`. */
const WIDE_NUMBER = -0x7fffffff;

export class RowTable {
	readonly chunks: Int32Array[] = [];
	rows = 0;
	/** The chunk holding the last row added, and where that row starts in it. */
	current: Int32Array = new Int32Array(0);
	at = 0;
	private readonly wide = new Map<number, number>();

	constructor(readonly stride: number) {}

	/** Appends a row of zeros (empty text, zero numbers), makes it `current`/`at`, and returns its number. */
	add(): number {
		const row = this.rows;
		const inChunk = row & (CHUNK_ROWS - 1);
		const at = inChunk * this.stride;
		if (inChunk === 0) {
			this.current = new Int32Array((row === 0 ? FIRST_CHUNK_ROWS : CHUNK_ROWS) * this.stride);
			this.chunks.push(this.current);
		} else if (at === this.current.length) {
			this.current = this.grownFirstChunk();
		}
		this.at = at;
		this.rows = row + 1;
		return row;
	}

	valuesOf(row: number): Int32Array {
		return this.chunks[row >> CHUNK_SHIFT];
	}

	offsetOf(row: number): number {
		return (row & (CHUNK_ROWS - 1)) * this.stride;
	}

	/** Stores `value` at `column` of the `current` row. */
	putNumber(column: number, value: number | null): void {
		if (value !== null && (value | 0) === value && value > WIDE_NUMBER && !Object.is(value, -0)) {
			this.current[this.at + column] = value;
		} else if (value === null) {
			this.current[this.at + column] = NULL_NUMBER;
		} else {
			this.current[this.at + column] = WIDE_NUMBER;
			this.wide.set((this.rows - 1) * this.stride + column, value);
		}
	}

	number(row: number, column: number): number | null {
		const value = this.valuesOf(row)[this.offsetOf(row) + column];
		if (value > WIDE_NUMBER) return value;
		return value === NULL_NUMBER ? null : (this.wide.get(row * this.stride + column) as number);
	}

	private grownFirstChunk(): Int32Array {
		const grown = new Int32Array(Math.min(this.current.length * 4, CHUNK_ROWS * this.stride));
		grown.set(this.current);
		this.chunks[0] = grown;
		return grown;
	}
}
