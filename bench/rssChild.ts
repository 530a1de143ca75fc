import { readFileSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStandaloneClient } from '../lib/client';
import type { LoginCredentials } from '../lib/session';

/**
 * Runs in a child process with a fresh heap (started by rss.bench.ts; the sandbox lives in the
 * parent): logs in, then measures how far the resident set grows while the client returns every
 * appointment of a range. The peak is the kernel's own high-water mark (VmHWM), reset to the
 * current size just before the list, so module loading and login are not counted.
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

function statusKb(field: string): number {
	const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
	return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}

async function main(): Promise<void> {
	const input = JSON.parse(process.env.TN_BENCH_INPUT ?? '{}') as { credentials: LoginCredentials; from: string; to: string };
	const client = createStandaloneClient({ credentials: input.credentials, requestsPerSecond: 1000 });
	await client.appointments.list({ from: input.to, to: input.to }); // logs in, loads every module the list uses
	gc();
	const before = process.memoryUsage().rss;
	writeFileSync('/proc/self/clear_refs', '5'); // resets VmHWM to the current RSS
	const rows = await client.appointments.list({ from: input.from, to: input.to });
	const peak = statusKb('VmHWM') * 1024;
	const held = process.memoryUsage().rss;
	process.stdout.write(`${JSON.stringify({ rows: rows.length, peakGrowthMb: (peak - before) / MB, heldGrowthMb: (held - before) / MB, baselineMb: before / MB })}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`rss child failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
