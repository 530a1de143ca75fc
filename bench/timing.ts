import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { median } from './stats';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Collects garbage before a timed run, so one contender's leftovers are not collected on the
 * other's clock (ours allocates more than the bare client, and a GC would land anywhere).
 */
export function collectGarbage(): void {
	gc();
}

/** Wall-clock milliseconds of one run of `work`, started on a clean heap. */
export async function timeOnce(work: () => Promise<unknown>): Promise<number> {
	collectGarbage();
	const started = process.hrtime.bigint();
	await work();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface Paired {
	/** Median milliseconds of the first contender. */
	aMs: number;
	/** Median milliseconds of the second contender. */
	bMs: number;
	/** Median of the per-round ratios a/b: each round runs both back to back, so load from others hits both alike. */
	ratio: number;
}

/** Runs `a` and `b` alternately (`rounds` times each, b first every other round) and compares them. */
export async function pairedRuns(rounds: number, a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<Paired> {
	const aTimes: number[] = [];
	const bTimes: number[] = [];
	const ratios: number[] = [];
	for (let round = 0; round < rounds; round++) {
		const bFirst = round % 2 === 1;
		const first = await timeOnce(bFirst ? b : a);
		const second = await timeOnce(bFirst ? a : b);
		const [aMs, bMs] = bFirst ? [second, first] : [first, second];
		aTimes.push(aMs);
		bTimes.push(bMs);
		ratios.push(aMs / bMs);
	}
	return { aMs: median(aTimes), bMs: median(bTimes), ratio: median(ratios) };
}

/** Rounds to `digits` decimals, for printing. */
export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
