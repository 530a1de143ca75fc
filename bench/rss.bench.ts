import { execFile } from 'node:child_process';
import path from 'node:path';
import type { RunningSandbox } from '../sandbox/server';
import { frontDesk, isoDay } from './fixtures';
import { round } from './timing';

interface ChildResult {
	rows: number;
	peakGrowthMb: number;
	heldGrowthMb: number;
	baselineMb: number;
}

function runChild(input: object): Promise<ChildResult> {
	const child = path.join(__dirname, 'rssChild.ts');
	return new Promise((resolve, reject) => {
		// The credentials travel in the environment, never on a command line another user could read.
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- bench tooling, never part of a node: a child process for a fresh heap
		execFile(process.execPath, ['--import', 'tsx', child], { env: { ...process.env, TN_BENCH_INPUT: JSON.stringify(input) }, timeout: 300_000 }, (error, stdout, stderr) => {
			if (error) reject(new Error(`rss child: ${stderr.trim() || error.message}`));
			else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildResult);
		});
	});
}

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
