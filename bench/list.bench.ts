import type { RunningSandbox } from '../sandbox/server';
import { appointments as wire } from '../lib/portal';
import { BareClient } from './bareClient';
import { createStandaloneClient } from '../lib/client';
import { frontDesk, ourClient, rangeHolding } from './fixtures';
import { undiciTransport } from './undiciTransport';
import { pairedRuns, round } from './timing';

const WANTED = 10_000;

/**
 * Lists at least 10,000 appointments through our client and through a bare undici client that
 * sends exactly the same portal requests (the forms come from the same lib/portal builder, so the
 * two cannot drift apart), on the same sandbox, alternately. Only the list is timed: both are
 * logged in before the first round.
 */
export async function runListBench(sandbox: RunningSandbox, rounds = 11) {
	const range = rangeHolding(sandbox, WANTED);
	const client = ourClient(sandbox);
	const bare = await BareClient.login(sandbox);
	try {
		const calls = wire.scheduleCalls(range);
		const ours = async () => (await client.appointments.list(range)).length;
		const theirs = async () => {
			let rows = 0;
			for (const call of calls) rows += ((await bare.post(call.path, call.form ?? {})) as { CalendarItems: unknown[] }).CalendarItems.length;
			return rows;
		};
		// Diagnosis: the same client on undici's request API instead of Node's fetch (its own user).
		const onUndici = createStandaloneClient({ credentials: frontDesk(sandbox, 'clinician.7'), requestsPerSecond: 1000, transport: undiciTransport });
		const oursOnUndici = async () => (await onUndici.appointments.list(range)).length;
		const [oursRows, bareRows, undiciRows] = [await ours(), await theirs(), await oursOnUndici()];
		if (oursRows !== range.count || bareRows !== range.count || undiciRows !== range.count) throw new Error(`list: expected ${range.count} rows, ours ${oursRows}, bare ${bareRows}, on undici ${undiciRows}`);
		const timing = await pairedRuns(rounds, ours, theirs);
		const diagnosis = await pairedRuns(Math.ceil(rounds / 2), oursOnUndici, theirs);
		return {
			list_ratio: round(timing.ratio),
			list_ratio_client_on_undici_transport: round(diagnosis.ratio),
			list_appointments: range.count,
			list_requests: calls.length,
			list_ours_ms: round(timing.aMs, 1),
			list_bare_ms: round(timing.bMs, 1),
		};
	} finally {
		await bare.close();
	}
}
