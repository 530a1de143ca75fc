import { runChaos, type ChaosOptions } from './chaosRun';
import { runLockout } from './lockout';
import { runSignedNotes } from './signedNotes';
import type { ChaosReport } from './summary';
import { runTriggerChaos } from './triggerRun';

/** Items 1–4 of issue #9, one after the other (each starts its own sandboxes). */
export async function runChaosSuite(options: ChaosOptions & { triggerRounds?: number }): Promise<ChaosReport> {
	const chaos = await runChaos(options);
	const trigger = await runTriggerChaos(options.triggerRounds ?? 8);
	const lockout = await runLockout();
	const signedNotes = await runSignedNotes();
	return { chaos, trigger, lockout, signedNotes };
}
