import type { RunningSandbox } from '../sandbox/server';
import { appointments as wire } from '../lib/portal';
import { BareClient } from './bareClient';
import { createStandaloneClient } from '../lib/client';
import { frontDesk, ourClient, rangeHolding } from './fixtures';
import { fetchTransport } from '../lib/session';
import { pairedRuns, round } from './timing';

const WANTED = 10_000;
/**
 * Rounds of the pair. Each costs about a third of a second; on a 2-core host shared with other
 * work, one round's ratio swings by ±0.15, and the median of 11 still moved by more than the 10 %
 * it is meant to resolve, so the pair runs 31 times.
 */
export const LIST_ROUNDS = 31;

/**
 * Lists at least 10,000 appointments through our client and through a bare undici client that
 * sends exactly the same portal requests (the forms come from the same lib/portal builder, so the
 * two cannot drift apart), on the same sandbox, alternately. Only the list is timed: both are
 * logged in before the first round.
 */
export async function runListBench(sandbox: RunningSandbox, rounds = LIST_ROUNDS) {
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
		// For comparison: the same client on Node's global fetch, its transport until issue #8 (its own user).
		const onFetch = createStandaloneClient({ credentials: frontDesk(sandbox, 'clinician.7'), requestsPerSecond: 1000, transport: fetchTransport });
		const oursOnFetch = async () => (await onFetch.appointments.list(range)).length;
		const [oursRows, bareRows, fetchRows] = [await ours(), await theirs(), await oursOnFetch()];
		if (oursRows !== range.count || bareRows !== range.count || fetchRows !== range.count) throw new Error(`list: expected ${range.count} rows, ours ${oursRows}, bare ${bareRows}, on fetch ${fetchRows}`);
		const timing = await pairedRuns(rounds, ours, theirs);
		const onFetchTiming = await pairedRuns(Math.ceil(rounds / 3), oursOnFetch, theirs);
		return {
			list_ratio: round(timing.ratio),
			list_ratio_client_on_fetch_transport: round(onFetchTiming.ratio),
			list_appointments: range.count,
			list_requests: calls.length,
			list_ours_ms: round(timing.aMs, 1),
			list_bare_ms: round(timing.bMs, 1),
		};
	} finally {
		await bare.close();
	}
}
