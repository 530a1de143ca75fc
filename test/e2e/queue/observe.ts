import type { RunningSandbox } from '../../../sandbox/server';
import { getJson, postJson, waitFor } from '../lib/proc';
import { psql, type RunningPostgres } from './services';

/** What the queue-mode run reads back: n8n's execution rows in PostgreSQL and the sandbox's own records. */

type Row = Record<string, unknown>;

export interface SandboxStats {
	logins: number;
	loginAttempts: number;
	sessionsEndedByOtherLogin: number;
	requestsWithEndedSession: number;
	totalRequests: number;
	requests: Record<string, number>;
}

export const sandboxStats = (sandbox: RunningSandbox) => getJson<SandboxStats>(`${sandbox.url}/__sandbox/stats`);

export const setFaults = (sandbox: RunningSandbox, rules: unknown[]) => postJson(`${sandbox.url}/__sandbox/faults`, { rules });

export interface ExecutionRow {
	id: number;
	status: string;
}

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

export function executionsOf(pg: RunningPostgres, workflowId: string, afterId = 0): ExecutionRow[] {
	if (!/^\w+$/.test(workflowId)) throw new Error(`unexpected workflow id ${workflowId}`);
	return psql(pg, `select id, status from execution_entity where "workflowId" = '${workflowId}' and id > ${Number(afterId)} order by id`).map(([id, status]) => ({ id: Number(id), status }));
}

export function lastExecutionId(pg: RunningPostgres): number {
	const [[max]] = psql(pg, 'select coalesce(max(id), 0) from execution_entity');
	return Number(max);
}

/** Waits until `count` executions of the workflow (after `afterId`) exist and all reached a final status. */
export async function finishedExecutions(pg: RunningPostgres, workflowId: string, afterId: number, count: number, timeoutMs: number): Promise<ExecutionRow[]> {
	return waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const rows = executionsOf(pg, workflowId, afterId);
			return rows.length >= count && rows.every((r) => FINAL.has(r.status)) ? rows : undefined;
		},
		timeoutMs,
		1000,
	).catch((error: unknown) => {
		const rows = executionsOf(pg, workflowId, afterId);
		throw new Error(`${String(error)}; now: ${JSON.stringify(countBy(rows.map((r) => r.status)))}`);
	});
}

export function countBy(values: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
	return counts;
}

/** Payments the sandbox holds per reference: a write applied twice shows as a count above 1. */
export async function paymentsByReference(sandbox: RunningSandbox, references: string[]): Promise<Map<string, number>> {
	const counts = await Promise.all(references.map((reference) => getJson<{ count: number }>(`${sandbox.url}/__sandbox/records/payments?reference=${encodeURIComponent(reference)}`)));
	return new Map(references.map((reference, i) => [reference, counts[i].count]));
}

export const duplicatesIn = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);

/** Payment creations the sandbox applied for the portal (our node) since audit entry `since`. */
export async function portalPaymentWrites(sandbox: RunningSandbox, since: number): Promise<{ writes: number; next: number }> {
	const { entries } = await getJson<{ entries: Row[] }>(`${sandbox.url}/__sandbox/audit?since=${since}`);
	return { writes: entries.filter((e) => e.kind === 'payment' && e.by === 'portal' && e.action === 'create').length, next: since + entries.length };
}

export async function auditLength(sandbox: RunningSandbox): Promise<number> {
	const { entries } = await getJson<{ entries: Row[] }>(`${sandbox.url}/__sandbox/audit?since=0`);
	return entries.length;
}

