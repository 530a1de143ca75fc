import type { RunningSandbox } from '../../../sandbox/server';
import type { RunningN8n } from '../lib/n8n';
import { getJson, sleep, waitFor } from '../lib/proc';
import { check, say } from '../lib/report';
import { startedBy, type QueueCluster, type RunningWorker } from './cluster';
import { countBy, duplicatesIn, finishedExecutions, lastExecutionId, paymentsByReference, portalPaymentWrites, auditLength, sandboxStats, setFaults, type ExecutionRow } from './observe';
import type { RunningPostgres } from './services';
import { LOAD_WEBHOOK_PATH, LOAD_WORKFLOW_ID } from './workflows';

/**
 * (2) 50 executions queued at once through the production webhook, one credential whose session
 * starts empty; (3) a worker killed with SIGKILL in the middle of 30 more, then every payment of
 * that batch sent again (as a caller retries) to show that a redelivered write is looked up, not
 * repeated.
 */

type Row = Record<string, unknown>;

export interface Payload {
	patientId: number;
	reference: string;
	amountCents: number;
}

export interface QueueRun {
	sandbox: RunningSandbox;
	pg: RunningPostgres;
	cluster: QueueCluster;
	main: RunningN8n;
	workers: RunningWorker[];
	tag: string;
	/** Every payment reference sent, for the final duplicate count. */
	references: string[];
}

export async function activePatients(sandbox: RunningSandbox, count: number): Promise<number[]> {
	const { rows } = await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/patients?status=active&limit=${count}`);
	check(rows.length === count, `the sandbox has ${rows.length} active patients, ${count} needed`);
	return rows.map((r) => Number(r.id));
}

/** POSTs every payload at once; each answer only says the execution was queued. */
async function fire(run: QueueRun, payloads: Payload[]): Promise<void> {
	const url = `${run.main.url}/webhook/${LOAD_WEBHOOK_PATH}`;
	const answers = await Promise.all(payloads.map((p) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(p) })));
	const refused = answers.filter((a) => a.status !== 200).map((a) => a.status);
	check(refused.length === 0, `the webhook refused ${refused.length} of ${payloads.length}: ${JSON.stringify(countBy(refused.map(String)))}`);
}

function payloadsFor(run: QueueRun, patients: number[], batch: string): Payload[] {
	const payloads = patients.map((patientId, i) => ({ patientId, reference: `q-${run.tag}-${batch}${i}`, amountCents: 1000 + i }));
	run.references.push(...payloads.map((p) => p.reference));
	return payloads;
}

export interface LoadFigures {
	executions: number;
	perWorker: Record<string, number>;
	requestsPerSecond: number;
	seconds: number;
	requests: number;
}

export async function loadPhase(run: QueueRun, patients: number[]): Promise<LoadFigures> {
	const afterId = lastExecutionId(run.pg);
	const payloads = payloadsFor(run, patients, 'a');
	const auditFrom = await auditLength(run.sandbox);
	const before = await sandboxStats(run.sandbox);
	const started = Date.now();
	await fire(run, payloads);
	const rows = await finishedExecutions(run.pg, LOAD_WORKFLOW_ID, afterId, payloads.length, 300_000);
	const seconds = (Date.now() - started) / 1000;
	const after = await sandboxStats(run.sandbox);
	check(rows.length === payloads.length, `${rows.length} executions for ${payloads.length} POSTs`);
	check(rows.every((r) => r.status === 'success'), `executions: ${JSON.stringify(countBy(rows.map((r) => r.status)))}`);
	const perWorker = Object.fromEntries(run.workers.map((w) => [w.name, startedBy(w).filter((id) => Number(id) > afterId).length]));
	check(Object.values(perWorker).every((n) => n > 0), `not every worker ran executions: ${JSON.stringify(perWorker)}`);
	check(Object.values(perWorker).reduce((a, b) => a + b, 0) === payloads.length, `workers report ${JSON.stringify(perWorker)} for ${payloads.length}`);
	const counts = await paymentsByReference(run.sandbox, payloads.map((p) => p.reference));
	check([...counts.values()].every((n) => n === 1), `payments per reference: ${JSON.stringify(countBy([...counts.values()].map(String)))}`);
	const { writes } = await portalPaymentWrites(run.sandbox, auditFrom);
	check(writes === payloads.length, `the sandbox applied ${writes} payment writes for ${payloads.length} executions`);
	check(after.logins === 1 && after.sessionsEndedByOtherLogin === 0, `logins ${after.logins}, sessions ended by another login ${after.sessionsEndedByOtherLogin}`);
	const requests = after.totalRequests - before.totalRequests;
	return { executions: rows.length, perWorker, requestsPerSecond: requests / seconds, seconds, requests };
}

export interface LossFigures {
	held: ExecutionRow[];
	statuses: Record<string, number>;
	duplicates: number;
	redelivered: number;
}

/** Kills the second worker once it holds executions of the batch, with payments slowed so they are in flight. */
async function killWhileHolding(run: QueueRun, afterId: number): Promise<string[]> {
	const victim = run.workers[1];
	const held = await waitFor(`${victim.name} to start 3 executions of the batch`, async () => {
		const ids = startedBy(victim).filter((id) => Number(id) > afterId);
		return ids.length >= 3 ? ids : undefined;
	}, 120_000, 200);
	victim.kill();
	say(`  killed ${victim.name} (pid ${victim.pid}, SIGKILL) holding executions ${held.join(', ')}`);
	return held;
}

export async function workerLossPhase(run: QueueRun, patients: number[]): Promise<LossFigures> {
	const afterId = lastExecutionId(run.pg);
	const payloads = payloadsFor(run, patients, 'b');
	await setFaults(run.sandbox, [{ handler: 'billing/savepayment', fault: 'latency', latencyMs: 1500 }]);
	await fire(run, payloads);
	const heldIds = await killWhileHolding(run, afterId);
	await setFaults(run.sandbox, []);
	// The dead worker's jobs stall, Bull fails them (n8n sets maxStalledCount 0) and the main's
	// queue recovery marks their executions crashed; nothing runs them a second time by itself.
	const rows = await finishedExecutions(run.pg, LOAD_WORKFLOW_ID, afterId, payloads.length, 300_000);
	const held = rows.filter((r) => heldIds.includes(String(r.id)));
	check(held.length === heldIds.length, `executions ${heldIds.join(',')} not found among ${rows.length}`);
	const first = await paymentsByReference(run.sandbox, payloads.map((p) => p.reference));
	check(duplicatesIn(first) === 0, `a write was applied twice after the kill: ${JSON.stringify(countBy([...first.values()].map(String)))}`);
	const statuses = countBy(rows.map((r) => r.status));
	const applied = [...first.values()].filter((n) => n === 1).length;
	say(`  after the kill: ${JSON.stringify(statuses)}; held by the killed worker: ${JSON.stringify(countBy(held.map((r) => r.status)))}; payments applied ${applied} of ${payloads.length}`);
	// A caller resends what did not succeed. Resending everything is the harsh version: each
	// payment already applied must be found by its reference, never posted again.
	run.workers[1] = await run.cluster.startWorker('worker-2b');
	const redeliverFrom = lastExecutionId(run.pg);
	await fire(run, payloads);
	const again = await finishedExecutions(run.pg, LOAD_WORKFLOW_ID, redeliverFrom, payloads.length, 300_000);
	check(again.every((r) => r.status === 'success'), `redelivered executions: ${JSON.stringify(countBy(again.map((r) => r.status)))}`);
	const final = await paymentsByReference(run.sandbox, payloads.map((p) => p.reference));
	check([...final.values()].every((n) => n === 1), `after redelivery, payments per reference: ${JSON.stringify(countBy([...final.values()].map(String)))}`);
	await sleep(500);
	return { held, statuses, duplicates: duplicatesIn(final), redelivered: again.length };
}
