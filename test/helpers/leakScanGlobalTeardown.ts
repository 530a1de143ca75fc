import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LeakHit } from './leakScan';

interface FileResult {
	file: string;
	lines: number;
	forbidden: number;
	hits: LeakHit[];
}

/** Adds up what every test file of this run scanned; prints one line; fails the run on any hit. */
export default function leakScanGlobalTeardown(): void {
	const dir = process.env.LEAKSCAN_DIR;
	if (!dir || !existsSync(dir)) return;
	const results: FileResult[] = readdirSync(dir)
		.filter((name) => name.endsWith('.jsonl'))
		.flatMap((name) => readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as FileResult));
	rmSync(dir, { recursive: true, force: true });
	const lines = results.reduce((sum, r) => sum + r.lines, 0);
	const hits = results.flatMap((r) => r.hits.map((hit) => ({ ...hit, file: r.file })));
	const forbidden = Math.max(0, ...results.map((r) => r.forbidden));
	process.stdout.write(`\nLEAKSCAN lines=${lines} hits=${hits.length} files=${results.length} forbidden_values_max=${forbidden}\n`);
	if (hits.length) throw new Error(`Leak scan: ${hits.length} hit(s): ${hits.slice(0, 10).map((h) => `${h.file} ${h.kind} in ${h.source}: ${h.excerpt}`).join(' | ')}`);
}
