import { admin } from '../helpers/sandbox';
import { classifyError, messageShape } from './classify';
import { recordsOf, sandboxStats, setFaultRules, startChaosEnv } from './env';
import { chaosFaultRules, faultCount, faultDelta, type FaultCount } from './faultPlan';
import { Ledger } from './ledger';
import { takeBaseline, verify, type Finding } from './verify';
import { insuredPatients, LAST_SLOT, runCycle, type Workload } from './workload';

export interface ChaosOptions {
	ops: number;
	lanes?: number;
	batchSize?: number;
	seed?: number;
}

export interface ChaosResult {
	ops: number;
	succeeded: number;
	faults: FaultCount;
	duplicates: Finding[];
	lost: Finding[];
	unclear: { message: string; why: string }[];
	/** Every distinct error message (numbers masked) with how often it was seen. */
	messages: Record<string, number>;
	elapsedMs: number;
}

/**
 * Item 1 of issue #9: mixed writes through the node, in parallel lanes (each lane its own records,
 * so the ledger knows what each record should hold), under faults on every handler; then the
 * sandbox's records are compared with the ledger.
 */
export async function runChaos(options: ChaosOptions): Promise<ChaosResult> {
	const env = await startChaosEnv(options.seed ?? 7);
	try {
		const started = Date.now();
		const ledger = new Ledger();
		const today = String((await admin(env.sandbox, 'GET', 'stats')).now).slice(0, 10);
		const workload: Workload = {
			env, ledger, today,
			batchSize: options.batchSize ?? (options.ops >= 2000 ? 10 : 4),
			clinicianId: 1,
			insuredPatientIds: insuredPatients(await recordsOf(env.sandbox, 'policies'), today),
			nextSlot: 0,
		};
		const baseline = await takeBaseline(env.sandbox);
		const before = faultCount(await sandboxStats(env.sandbox));
		await setFaultRules(env.sandbox, chaosFaultRules(), options.seed ?? 7);
		const lane = async (index: number) => {
			for (let cycle = 0; ledger.ops.length < options.ops && workload.nextSlot < LAST_SLOT; cycle++) await runCycle(workload, index, cycle);
		};
		await Promise.all(Array.from({ length: options.lanes ?? 6 }, (_, i) => lane(i)));
		await setFaultRules(env.sandbox, []);
		const faults = faultDelta(before, faultCount(await sandboxStats(env.sandbox)));
		const { duplicates, lost } = await verify(env.sandbox, ledger, baseline);
		const messages: Record<string, number> = {};
		const unclear: ChaosResult['unclear'] = [];
		for (const op of ledger.failed()) {
			const shape = messageShape(op.description ? `${op.error!} [description: ${op.description}]` : op.error!);
			messages[shape] = (messages[shape] ?? 0) + 1;
			const verdict = classifyError(op.error!, op.description);
			if (!verdict.clear) unclear.push({ message: op.error!, why: verdict.why });
		}
		return { ops: ledger.ops.length, succeeded: ledger.ops.length - ledger.failed().length, faults, duplicates, lost, unclear, messages, elapsedMs: Date.now() - started };
	} finally {
		await env.close();
	}
}
