import { mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * jest globalSetup of the leak scan: one folder per jest run (several people run jest in this
 * tree at once), handed to the test workers through the environment.
 */
export default function leakScanGlobalSetup(): void {
	const dir = path.join(process.cwd(), '.tmp', 'leakscan', `run-${process.pid}-${Date.now()}`);
	mkdirSync(dir, { recursive: true });
	process.env.LEAKSCAN_DIR = dir;
}
