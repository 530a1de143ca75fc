import './nodeFileResolution';
import { runTriggerBench } from './trigger.bench';

// Started by runTriggerBenchOnDays under libfaketime: the figures as of the faked moment.
runTriggerBench().then(
	(figures) => {
		process.stdout.write(`${JSON.stringify(figures)}\n`);
		process.exit(0);
	},
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	},
);
