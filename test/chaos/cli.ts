import './resolveNodeFiles';
import { shutdownChaos } from './env';
import { runChaosSuite } from './suite';
import { detailLines, failedRequirements, summaryLine } from './summary';

/**
 * `npm run test:chaos [-- --ops N] [--lanes N] [--json]`: runs items 1–4 of issue #9, prints the
 * details, then the summary line last; exits 1 when a required zero is not zero.
 */
function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	const value = index < 0 ? fallback : Number(process.argv[index + 1]);
	if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
	return value;
}

async function main(): Promise<number> {
	const report = await runChaosSuite({ ops: option('ops', 5000), lanes: option('lanes', 8) });
	shutdownChaos();
	if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
	else for (const line of detailLines(report)) process.stdout.write(`${line}\n`);
	const failed = failedRequirements(report);
	for (const problem of failed) process.stdout.write(`FAILED ${problem}\n`);
	process.stdout.write(`${summaryLine(report)}\n`);
	return failed.length === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`chaos run failed: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(2);
	},
);
