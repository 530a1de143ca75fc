/**
 * The faults of the chaos run, on every handler and page (logins and the session probe too), each
 * kind the sandbox offers except drift (another engineer's part of issue #9). About 15 % of
 * requests draw at least one fault. 429 says "retry after 0 s" and latency is short, so the run
 * measures the client's decisions rather than waiting on clocks.
 */
export const CHAOS_FAULT_KINDS = ['5xx', '429', 'drop', 'expire', 'latency'] as const;

export function chaosFaultRules(scale = 1): unknown[] {
	return [
		{ handler: '*', fault: 'latency', rate: 0.04 * scale, latencyMs: 40 },
		{ handler: '*', fault: '5xx', rate: 0.035 * scale },
		{ handler: '*', fault: '429', rate: 0.035 * scale, retryAfterSeconds: 0 },
		{ handler: '*', fault: 'expire', rate: 0.015 * scale },
		{ handler: '*', fault: 'drop', rate: 0.035 * scale },
	];
}

export interface FaultCount {
	requests: number;
	/** Faults drawn, all kinds (a request can draw latency and one other). */
	faults: number;
	byKind: Record<string, number>;
}

export function faultCount(stats: Record<string, unknown>): FaultCount {
	const byKind = { ...(stats.faults as Record<string, number>) };
	return { requests: Number(stats.totalRequests), faults: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
}

export const faultDelta = (before: FaultCount, after: FaultCount): FaultCount => {
	const byKind: Record<string, number> = {};
	for (const kind of CHAOS_FAULT_KINDS) byKind[kind] = (after.byKind[kind] ?? 0) - (before.byKind[kind] ?? 0);
	return { requests: after.requests - before.requests, faults: after.faults - before.faults, byKind };
};
