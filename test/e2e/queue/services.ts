/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test tooling: starts Debian's redis-server and a throwaway PostgreSQL cluster */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, chownSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';

/**
 * Debian's redis-server and PostgreSQL, started for a test on free loopback ports and thrown away
 * after it. Plain Node (no jest), shared by the queue-mode e2e run and the lock's integration test.
 */

export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningService {
	port: number;
	pid: number;
	stop(): Promise<void>;
}

export function redisAvailable(): boolean {
	return existsSync(REDIS_SERVER);
}

function portOpen(port: number): Promise<boolean> {
	return new Promise((done) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => {
			socket.destroy();
			done(true);
		});
		socket.on('error', () => done(false));
	});
}

async function waitForPort(port: number, child: ChildProcess | null, what: string, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await portOpen(port)) return;
		if (child && child.exitCode !== null) throw new Error(`${what} exited ${child.exitCode} before listening`);
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
}

function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((done) => {
		child.once('exit', () => done());
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 5000).unref();
	});
}

/**
 * The environment without libfaketime (npm run test:dates runs the suites as of another day):
 * redis-server hangs under it (recursive clock_gettime), and its lock expiry is relative anyway.
 */
function realClock(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const rest = { ...env };
	delete rest.LD_PRELOAD;
	delete rest.FAKETIME;
	return rest;
}

/** redis-server on `port`, in memory only (no RDB/AOF files), optionally with a password. */
export async function startRedis(port: number, options: { password?: string } = {}): Promise<RunningService> {
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];
	if (options.password) args.push('--requirepass', options.password);
	const child = spawn(REDIS_SERVER, args, { stdio: 'ignore', env: realClock(process.env) });
	await waitForPort(port, child, 'redis-server');
	return { port, pid: child.pid ?? -1, stop: () => stopProcess(child) };
}

function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	if (versions.length === 0) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql');
	return join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: the cluster belongs to Debian's `postgres` user then. */
function asPostgresUser(): { prefix: string[]; uid?: number; gid?: number } {
	if (process.getuid?.() !== 0) return { prefix: [] };
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
}

export interface RunningPostgres extends RunningService {
	user: string;
	password: string;
	database: string;
}

/** A fresh cluster in `dir` (initdb, trust on loopback), one database, served on `port`. */
export async function startPostgres(dir: string, port: number): Promise<RunningPostgres> {
	const bin = postgresBin();
	const owner = asPostgresUser();
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	if (owner.uid !== undefined) chownSync(dir, owner.uid, owner.gid ?? owner.uid);
	const data = join(dir, 'data');
	const run = (command: string, args: string[]) => execFileSync(owner.prefix[0] ?? command, owner.prefix.length ? [...owner.prefix.slice(1), command, ...args] : args, { stdio: 'pipe' });
	run(join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync']);
	writeFileSync(join(dir, 'README'), 'throwaway PostgreSQL cluster of npm run e2e:queue\n');
	const [command, ...prefixArgs] = owner.prefix.length ? owner.prefix : [join(bin, 'postgres')];
	const args = [...prefixArgs, ...(owner.prefix.length ? [join(bin, 'postgres')] : []), '-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=100'];
	const child = spawn(command, args, { stdio: 'ignore' });
	await waitForPort(port, child, 'postgres');
	run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	return { port, pid: child.pid ?? -1, user: 'n8n', password: 'n8n', database: 'n8n', stop: () => stopProcess(child) };
}

/** Runs one SQL statement with psql and returns the rows as tab-separated text. */
export function psql(pg: RunningPostgres, sql: string): string[][] {
	const out = execFileSync(join(postgresBin(), 'psql'), ['-h', '127.0.0.1', '-p', String(pg.port), '-U', pg.user, '-d', pg.database, '-At', '-F', '\t', '-c', sql], { stdio: 'pipe' }).toString();
	return out
		.split('\n')
		.filter((line) => line.length > 0)
		.map((line) => line.split('\t'));
}
