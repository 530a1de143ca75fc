import type { RunningSandbox } from '../sandbox/server';
import { createStandaloneClient, type TherapyNotesClient } from '../lib/client';
import type { LoginCredentials } from '../lib/session';

/**
 * A user's credentials (no two-factor): the front desk by default, or one of the seeded clinicians
 * (`clinician.4` …), so that each contender keeps its own session under the one-session rule.
 */
export function frontDesk(sandbox: RunningSandbox, username = sandbox.state.demo.plainUsername): LoginCredentials {
	const demo = sandbox.state.demo;
	return { baseUrl: sandbox.url, practiceCode: demo.practiceCode, username, password: demo.password, loginMethod: 'http' };
}

/**
 * Our client as a script would build it, with the rate limit lifted (1,000 requests a second):
 * the benchmark measures our cost, not the politeness pause the credential adds by default.
 */
export function ourClient(sandbox: RunningSandbox, username?: string): TherapyNotesClient {
	return createStandaloneClient({ credentials: frontDesk(sandbox, username), requestsPerSecond: 1000 });
}

const DAY_MS = 86_400_000;
export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The shortest range of days ending yesterday that holds at least `wanted` appointments, read from
 * the sandbox's own store (the benchmark's knowledge, not the client's).
 */
export function rangeHolding(sandbox: RunningSandbox, wanted: number): { from: string; to: string; count: number } {
	const perDay = new Map<string, number>();
	for (const a of sandbox.state.store.appointments.values()) perDay.set(a.start.slice(0, 10), (perDay.get(a.start.slice(0, 10)) ?? 0) + 1);
	const to = isoDay(Date.parse(`${sandbox.state.nowIso().slice(0, 10)}T00:00:00Z`) - DAY_MS);
	let count = 0;
	for (let day = Date.parse(`${to}T00:00:00Z`), n = 0; n < 400; day -= DAY_MS, n++) {
		count += perDay.get(isoDay(day)) ?? 0;
		if (count >= wanted) return { from: isoDay(day), to, count };
	}
	throw new Error(`the sandbox holds fewer than ${wanted} appointments in 400 days`);
}
