import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { N8N_SH, startN8n, tail, type N8nFolder, type RunningN8n } from '../lib/n8n';
import { freePort, getJson, startLong, stopChild, waitFor } from '../lib/proc';
import type { RunningPostgres, RunningService } from './services';

/**
 * n8n in queue mode: one `n8n start` main (triggers, webhooks, the queue's recovery) and
 * `n8n worker` processes, all on one PostgreSQL database, one Redis and one encryption key, our
 * package loaded in each from a copy of dist/ as custom extensions. Every process has its own user folder,
 * task-broker port and (workers) health port.
 */

export interface QueueCluster {
	/** The environment every n8n command of this cluster needs (import, publish, start, worker). */
	folder(name: string): N8nFolder;
	startMain(): Promise<RunningN8n>;
	startWorker(name: string): Promise<RunningWorker>;
}

export interface RunningWorker {
	name: string;
	/** The n8n worker's own process id (scripts/n8n.sh execs node). */
	pid: number;
	child: ChildProcess;
	log(): string;
	stop(): Promise<void>;
	/** SIGKILL to the worker's pid, as when its host dies; its task runner is cleaned up after. */
	kill(): void;
}

/** Short Bull timings, so a killed worker's jobs are noticed in seconds, not minutes. */
const QUEUE_TIMINGS = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
	// Minutes: the main marks executions whose job is gone as crashed on this schedule.
	N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
};

export function queueCluster(work: string, redis: RunningService, pg: RunningPostgres, dist: string): QueueCluster {
	const encryptionKey = randomBytes(24).toString('hex');
	const shared: NodeJS.ProcessEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_CUSTOM_EXTENSIONS: dist,
		N8N_LOG_LEVEL: 'info',
		...QUEUE_TIMINGS,
	};
	const made = new Set<string>();
	const folder = (name: string): N8nFolder => {
		const userFolder = join(work, name);
		// A folder left by an earlier run holds another encryption key, which n8n refuses.
		if (!made.has(name)) rmSync(userFolder, { recursive: true, force: true });
		made.add(name);
		mkdirSync(userFolder, { recursive: true });
		return { userFolder, env: { ...shared } };
	};
	return {
		folder,
		async startMain() {
			const main = folder('main');
			main.env.N8N_RUNNERS_BROKER_PORT = String(await freePort());
			return startN8n(main, { readyTimeoutMs: 240_000 });
		},
		startWorker: async (name) => startWorker(folder(name), name),
	};
}

async function startWorker(folder: N8nFolder, name: string): Promise<RunningWorker> {
	const healthPort = await freePort();
	const env = {
		...process.env,
		...folder.env,
		N8N_USER_FOLDER: folder.userFolder,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
	};
	let log = '';
	const child = startLong('bash', [N8N_SH, 'worker', '--concurrency=10'], { env, logTo: (chunk) => (log += chunk) });
	const exited = new Promise<never>((_, fail) => child.once('exit', (code) => fail(new Error(`n8n worker ${name} exited ${code}: ${tail(log)}`))));
	exited.catch(() => undefined);
	const ready = waitFor(`worker ${name} /healthz/readiness`, () => getJson(`http://127.0.0.1:${healthPort}/healthz/readiness`).then(() => true), 240_000, 500);
	await Promise.race([ready, exited]);
	const pid = child.pid ?? -1;
	return {
		name,
		pid,
		child,
		log: () => log,
		stop: () => stopChild(child, 15_000),
		kill() {
			process.kill(pid, 'SIGKILL');
			// Its task runner is left in the worker's process group (nothing else is in it): clean up.
			setTimeout(() => {
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}, 500);
		},
	};
}

/** Execution ids a worker's log says it started (`Worker started execution <id> (job <n>)`). */
export function startedBy(worker: RunningWorker): string[] {
	return [...worker.log().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
}
