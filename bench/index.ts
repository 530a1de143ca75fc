import { cpus } from 'node:os';
import { runSessionBench } from './session.bench';
import { runTriggerBench } from './trigger.bench';
import { runX12Bench } from './x12.bench';

/**
 * `npm run bench` (`-- --json` for one JSON object on stdout). Every figure is a ratio or a count
 * measured in this run against a baseline measured in the same run, on this machine.
 */
async function main(): Promise<void> {
	const json = process.argv.includes('--json');
	const log = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
	log(`machine: ${cpus().length} cores, node ${process.version}`);
	log('session: 100 sequential operations, HTTP login vs browser login (real Chromium)…');
	const session = await runSessionBench();
	log('trigger: static data and requests per idle poll at the clinic size…');
	const trigger = await runTriggerBench();
	log('x12: 835 parse throughput vs node-x12, 837P build of 1,000 claims…');
	const x12 = await runX12Bench();
	const result = { cores: cpus().length, ...session, ...trigger, ...x12 };
	if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
	else for (const [key, value] of Object.entries(result)) log(`${key.padEnd(24)} ${value}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
