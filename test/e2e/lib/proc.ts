/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- the e2e harness and `npm start` run n8n, npm and tar; this is test tooling, never part of a node */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

/** Process helpers shared by the e2e run and `npm start`: plain Node, no test framework. */

export const ROOT = resolve(__dirname, '..', '..', '..');

export interface CommandResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

export function freePort(): Promise<number> {
	return new Promise((done, fail) => {
		const server = createServer();
		server.on('error', fail);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

/** Runs a command to completion, capturing its output; a timeout kills its whole process group. */
export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number; echo?: boolean } = {}): Promise<CommandResult> {
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => {
			stdout += c.toString();
			if (options.echo) process.stdout.write(c);
		});
		child.stderr.on('data', (c: Buffer) => {
			stderr += c.toString();
			if (options.echo) process.stderr.write(c);
		});
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), options.timeoutMs ?? 10 * 60_000);
		child.on('error', fail);
		child.on('close', (code) => {
			clearTimeout(timer);
			done({ code, stdout, stderr });
		});
	});
}

/** Children run in their own process group so that n8n's task-runner grandchildren die with them. */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		child.kill(signal);
	}
}

/** SIGTERM, then SIGKILL after `graceMs` if the process is still there. */
export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

export function startLong(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; logTo?: (chunk: string) => void } = {}): ChildProcess {
	const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const log = options.logTo ?? (() => undefined);
	child.stdout?.on('data', (c: Buffer) => log(c.toString()));
	child.stderr?.on('data', (c: Buffer) => log(c.toString()));
	return child;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` until it returns a value (not undefined) or the time is up. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 1000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

export async function getJson<T = Record<string, unknown>>(url: string, init?: RequestInit): Promise<T> {
	const response = await fetch(url, init);
	if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
	return (await response.json()) as T;
}

export const postJson = <T = Record<string, unknown>>(url: string, body: unknown) =>
	getJson<T>(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
