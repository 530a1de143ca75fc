import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort, getJson, ROOT, run, startLong, stopChild, waitFor, type CommandResult } from './proc';

/**
 * Drives the pinned n8n (test/e2e/n8n) through scripts/n8n.sh. Every n8n process gets its own
 * N8N_USER_FOLDER (SQLite DB, encryption key, .n8n/nodes) because n8n's CLI commands and a
 * running `n8n start` must not share one while we run them in parallel.
 */

export const N8N_SH = join(ROOT, 'scripts', 'n8n.sh');

/** The major version of the n8n that scripts/n8n.sh runs (`N8N_DIR`, default test/e2e/n8n). */
export function n8nMajor(): number {
	const dir = resolve(ROOT, process.env.N8N_DIR || join('test', 'e2e', 'n8n'));
	const { version } = JSON.parse(readFileSync(join(dir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string };
	return Number(version.split('.')[0]);
}

export interface N8nFolder {
	userFolder: string;
	/** Extra environment for every n8n command on this folder (custom extensions, Stripe base…). */
	env: NodeJS.ProcessEnv;
}

export function n8nEnv(folder: N8nFolder): NodeJS.ProcessEnv {
	return { ...process.env, ...folder.env, N8N_USER_FOLDER: folder.userFolder };
}

export async function n8n(folder: N8nFolder, args: string[], timeoutMs = 300_000): Promise<CommandResult> {
	return run('bash', [N8N_SH, ...args], { env: n8nEnv(folder), timeoutMs });
}

async function n8nOk(folder: N8nFolder, args: string[]): Promise<CommandResult> {
	const result = await n8n(folder, args);
	if (result.code !== 0) throw new Error(`n8n ${args[0]} exited ${result.code}: ${tail(result.stderr || result.stdout)}`);
	return result;
}

export const tail = (text: string, chars = 600) => text.trim().slice(-chars);

function writeTemp(folder: N8nFolder, name: string, content: unknown): string {
	const dir = join(folder.userFolder, 'import');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, name);
	writeFileSync(file, JSON.stringify(content, null, 2));
	return file;
}

/** n8n encrypts plain `data` objects on import, with the folder's own key. */
export async function importCredentials(folder: N8nFolder, credentials: unknown[]): Promise<void> {
	await n8nOk(folder, ['import:credentials', `--input=${writeTemp(folder, 'credentials.json', credentials)}`]);
}

export async function importWorkflows(folder: N8nFolder, workflows: unknown[]): Promise<void> {
	// One file of an array: one n8n process (10 s of start-up) for all of them.
	await n8nOk(folder, ['import:workflow', `--input=${writeTemp(folder, 'workflows.json', workflows)}`]);
}

export interface ExecutionResult {
	status: string;
	error?: { message?: string; description?: string };
	runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> }; error?: { message?: string } }>>;
}

/** `execute --rawOutput` prints log lines first; the JSON starts at the first line that is exactly `{` or `[`. */
export function parseRawOutput(stdout: string): ExecutionResult | null {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{' || line === '[');
	if (start < 0) return null;
	// A failed execution prints more after the JSON ("Execution error: …"): end at the first closing line that parses.
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end] !== '}' && lines[end] !== ']') continue;
		try {
			const raw = JSON.parse(lines.slice(start, end + 1).join('\n')) as RawExecution;
			return { status: raw.status, error: raw.data?.resultData?.error, runData: raw.data?.resultData?.runData ?? {} };
		} catch {
			// not the end yet
		}
	}
	return null;
}

type RawExecution = { status: string; data?: { resultData?: { runData?: ExecutionResult['runData']; error?: ExecutionResult['error'] } } };

export async function execute(folder: N8nFolder, workflowId: string): Promise<{ code: number | null; result: ExecutionResult | null; output: string }> {
	const outcome = await n8n(folder, ['execute', `--id=${workflowId}`, '--rawOutput']);
	return { code: outcome.code, result: parseRawOutput(outcome.stdout), output: `${outcome.stdout}\n${outcome.stderr}` };
}

/** The JSON of every item a node output on its first run (first output). */
export function itemsOf(result: ExecutionResult, node: string): Array<Record<string, unknown>> {
	return (result.runData[node]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json);
}

export interface RunningN8n {
	url: string;
	port: number;
	child: ChildProcess;
	log(): string;
	stop(): Promise<void>;
}

/** `n8n start` on a free port, ready when /healthz/readiness answers; stopped again if it never gets there. */
export async function startN8n(folder: N8nFolder, options: { port?: number; echo?: boolean; readyTimeoutMs?: number } = {}): Promise<RunningN8n> {
	for (let attempt = 1; ; attempt++) {
		const port = options.port ?? (await freePort());
		try {
			return await startN8nOn(folder, port, options);
		} catch (error) {
			// Another process can take a free-picked port before n8n binds it: pick again, once.
			const clash = /EADDRINUSE|already in use/i.test(String(error));
			if (!clash || options.port !== undefined || attempt >= 2) throw error;
		}
	}
}

async function startN8nOn(folder: N8nFolder, port: number, options: { echo?: boolean; readyTimeoutMs?: number }): Promise<RunningN8n> {
	let log = '';
	const child = startLong('bash', [N8N_SH, 'start'], {
		env: { ...n8nEnv(folder), N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1', N8N_HOST: '127.0.0.1' },
		logTo: (chunk) => {
			log += chunk;
			if (options.echo) process.stdout.write(chunk);
		},
	});
	const url = `http://127.0.0.1:${port}`;
	const exited = new Promise<never>((_, fail) => child.once('exit', (code) => fail(new Error(`n8n start exited ${code}: ${tail(log)}`))));
	exited.catch(() => undefined);
	try {
		await Promise.race([waitFor('n8n /healthz/readiness', () => getJson(`${url}/healthz/readiness`).then(() => true), options.readyTimeoutMs ?? 240_000, 500), exited]);
	} catch (error) {
		await stopChild(child, 15_000);
		throw error;
	}
	return { url, port, child, log: () => log, stop: () => stopChild(child, 15_000) };
}
