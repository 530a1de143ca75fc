import type { RunningSandbox } from '../sandbox/server';
import { runBenchChild } from './child';
import { frontDesk, isoDay } from './fixtures';
import { round } from './timing';

interface ChildResult {
	rows: number;
	peakGrowthMb: number;
	heldGrowthMb: number;
	baselineMb: number;
}

const runChild = (input: object) => runBenchChild<ChildResult>('rssChild.ts', 'rss child', { env: { TN_BENCH_INPUT: JSON.stringify(input) }, timeoutMs: 300_000 });

/**
 * RSS growth while our client returns a year of a `clinic` practice's appointments (about
 * 50,000): measured in a child process (fresh heap, only the client in it) against the sandbox
 * running in this process, so the sandbox's memory is not in the figure. Median of `runs` children.
 */
export async function runRssBench(sandbox: RunningSandbox, runs = 3) {
	const to = sandbox.state.nowIso().slice(0, 10);
	const from = isoDay(Date.parse(`${to}T00:00:00Z`) - 364 * 86_400_000);
	const results: ChildResult[] = [];
	for (let i = 0; i < runs; i++) results.push(await runChild({ credentials: frontDesk(sandbox, 'clinician.6'), from, to }));
	results.sort((a, b) => a.peakGrowthMb - b.peakGrowthMb);
	const mid = results[Math.floor(results.length / 2)];
	return { rss_growth_mb: round(mid.peakGrowthMb, 1), rss_held_growth_mb: round(mid.heldGrowthMb, 1), rss_appointments: mid.rows };
}
