/** Deterministic PRNG (mulberry32) so a seed always yields the same practice. */
export class Random {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0 || 0x9e3779b9;
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(minInclusive: number, maxInclusive: number): number {
		return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	/** Weighted pick: `weights[i]` is the relative weight of `items[i]`. */
	weighted<T>(items: readonly T[], weights: readonly number[]): T {
		const total = weights.reduce((a, b) => a + b, 0);
		let roll = this.next() * total;
		for (let i = 0; i < items.length; i++) {
			roll -= weights[i];
			if (roll < 0) return items[i];
		}
		return items[items.length - 1];
	}
}
