import { execFile } from 'node:child_process';
import path from 'node:path';

export interface BenchChildOptions {
	/** Added to this process's environment (inputs travel here, never on a command line another user could read). */
	env?: Record<string, string>;
	/** A command the child runs under, e.g. `['faketime', '-f', '@2026-12-05 10:00:00']`. */
	wrapper?: string[];
	timeoutMs: number;
}

/** Runs a bench file (beside this one) in a fresh Node process and reads the JSON object on its last line of output. */
export function runBenchChild<T>(file: string, label: string, options: BenchChildOptions): Promise<T> {
	const args = ['--import', 'tsx', path.join(__dirname, file)];
	const [command, ...prefix] = options.wrapper?.length ? [...options.wrapper, process.execPath] : [process.execPath];
	return new Promise((resolve, reject) => {
		// eslint-disable-next-line @n8n/community-nodes/no-dangerous-functions -- bench tooling, never part of a node: a child process for a fresh heap or another clock
		execFile(command, [...prefix, ...args], { env: { ...process.env, ...options.env }, timeout: options.timeoutMs }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${label}: ${stderr.trim() || error.message}`));
			else resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as T);
		});
	});
}
