import './nodeFileResolution';
import { cpus, loadavg } from 'node:os';
import { startSandbox } from '../sandbox/server';
import { runListBench } from './list.bench';
import { runN8nBench } from './n8n.bench';

/**
 * `npx tsx bench/focus.ts`: only the two clinic-size timing figures (list_ratio and
 * n8n_overhead_ratio), for profiling and for checking a change to the client's hot path without
 * the whole suite's Chromium and X12 runs. One JSON object on stdout.
 */
async function main(): Promise<void> {
	const loadBefore = loadavg()[0];
	const sandbox = await startSandbox({ seed: 1, size: 'clinic', port: 0 });
	try {
		const list = await runListBench(sandbox);
		const n8n = await runN8nBench(sandbox);
		const load = { load_average_1m_before: Math.round(loadBefore * 10) / 10, load_average_1m_after: Math.round(loadavg()[0] * 10) / 10 };
		process.stdout.write(`${JSON.stringify({ cores: cpus().length, ...list, ...n8n, ...load })}\n`);
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
