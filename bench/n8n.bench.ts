import './nodeFileResolution';
import type { RunningSandbox } from '../sandbox/server';
import { createN8nHarness, shutdownN8n } from '../test/helpers/n8n';
import { sandboxCredential } from '../test/integration/node/fixtures';
import { ourClient, rangeHolding } from './fixtures';
import { pairedRuns, round } from './timing';

/** Rounds of the pair: as for the list (list.bench.ts), 9 left the median at the mercy of the host's other work. */
export const N8N_ROUNDS = 21;

/**
 * The same ≥10,000-appointment list as list.bench.ts, once as a workflow (Manual Trigger →
 * TherapyNotes Appointment › Get Many, Return All) in n8n-core's real execution engine with our
 * credential in n8n's encrypted store, and once through the client alone. Each side has its own
 * user, so neither logs the other out; both are logged in before the first timed round.
 */
export async function runN8nBench(sandbox: RunningSandbox, rounds = N8N_ROUNDS) {
	const range = rangeHolding(sandbox, 10_000);
	const n8n = createN8nHarness();
	try {
		const credential = await n8n.addCredential(sandboxCredential(sandbox, { username: 'clinician.4' }));
		const parameters = { resource: 'appointment', operation: 'getMany', listBy: 'dateRange', from: `${range.from}T00:00:00`, to: `${range.to}T00:00:00`, returnAll: true };
		const client = ourClient(sandbox);
		const inN8n = async () => {
			const result = await n8n.runNode({ parameters, credential });
			if (result.status !== 'success' || result.items.length !== range.count) throw new Error(`n8n run: ${result.status}, ${result.items.length} items of ${range.count}: ${String((result.error as { message?: string } | undefined)?.message)}`);
		};
		const alone = async () => {
			if ((await client.appointments.list(range)).length !== range.count) throw new Error('client: wrong row count');
		};
		await inN8n();
		await alone();
		const timing = await pairedRuns(rounds, inN8n, alone);
		return { n8n_overhead_ratio: round(timing.ratio), n8n_list_ms: round(timing.aMs, 1), client_list_ms: round(timing.bMs, 1) };
	} finally {
		shutdownN8n();
	}
}
