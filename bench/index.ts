import './nodeFileResolution';
import { cpus, loadavg } from 'node:os';
import { startSandbox } from '../sandbox/server';
import { runSessionBench } from './session.bench';
import { otherMoments, runTriggerBenchOnDays } from './trigger.bench';
import { runX12Bench } from './x12.bench';
import { LIST_ROUNDS, runListBench } from './list.bench';
import { N8N_ROUNDS, runN8nBench } from './n8n.bench';
import { runRssBench } from './rss.bench';
import { runMixedBench } from './mixed.bench';
import { runPollBench } from './poll.bench';

const BOT_SAMPLE = 20;

/** The benches that share one `clinic` sandbox (30 clinicians, a year of appointments). */
async function clinicBenches(log: (line: string) => void) {
	const sandbox = await startSandbox({ seed: 1, size: 'clinic', port: 0 });
	try {
		log(`list: ≥10,000 appointments, our client vs bare undici, same requests, alternating, ${LIST_ROUNDS} rounds…`);
		const list = await runListBench(sandbox);
		log(`n8n: the same list as a workflow in n8n-core vs the client alone, alternating, ${N8N_ROUNDS} rounds…`);
		const n8n = await runN8nBench(sandbox);
		log('rss: a year of appointments returned by the client in a child process (sandbox here), 3 children…');
		const rss = await runRssBench(sandbox);
		return { ...list, ...n8n, ...rss };
	} finally {
		await sandbox.close();
	}
}

/**
 * `npm run bench` (`-- --json` for one JSON object on stdout). Every figure is a ratio or a count
 * measured in this run against a baseline measured in the same run, on this machine.
 */
async function main(): Promise<void> {
	const json = process.argv.includes('--json');
	const started = Date.now();
	const log = (line: string) => (json ? process.stderr : process.stdout).write(`[${Math.round((Date.now() - started) / 1000)} s] ${line}\n`);
	log(`machine: ${cpus().length} cores, node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
	log('session: 100 sequential operations, HTTP login vs browser login (real Chromium)…');
	const session = await runSessionBench();
	log(`trigger: static data and requests per idle poll at the clinic size, now and as of ${otherMoments().join(' and ')} UTC…`);
	const trigger = await runTriggerBenchOnDays(log);
	const clinic = await clinicBenches(log);
	log(`mixed: 200 operations through our client vs a browser bot (a sample of ${BOT_SAMPLE} of the same mix, compared per operation)…`);
	const mixed = await runMixedBench({ botSample: BOT_SAMPLE });
	log('polls: 100 polls per event in n8n-core, logins and requests…');
	const polls = await runPollBench();
	log('x12: 835 parse throughput (and parse + reading every field) vs node-x12, 837P build of 1,000 claims…');
	const x12 = await runX12Bench();
	const result = {
		cores: cpus().length,
		...clinic,
		...mixed,
		...session,
		...polls,
		...trigger,
		...x12,
		load_average_1m: Math.round(loadavg()[0] * 10) / 10,
		bench_seconds: Math.round((Date.now() - started) / 1000),
	};
	if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
	else for (const [key, value] of Object.entries(result)) log(`${key.padEnd(34)} ${value}`);
}

main().catch((error: unknown) => {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
