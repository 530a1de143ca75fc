import { startSandbox } from './server';
import type { SandboxSize } from './data/seed';

/** `npm run sandbox -- --port <p> [--seed <n>] [--size solo|group|clinic] [--idle <minutes>] [--browser-only] [--today YYYY-MM-DD]` */
function parseArgs(argv: string[]) {
	const args: Record<string, string | boolean> = {};
	for (let i = 0; i < argv.length; i++) {
		const key = argv[i];
		if (!key.startsWith('--')) throw new Error(`unexpected argument ${key}`);
		const next = argv[i + 1];
		if (next === undefined || next.startsWith('--')) args[key.slice(2)] = true;
		else {
			args[key.slice(2)] = next;
			i++;
		}
	}
	return args;
}

function intArg(value: string | boolean | undefined, name: string, fallback: number): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
	return n;
}

async function main(): Promise<void> {
	const args = parseArgs(process.argv.slice(2));
	const size = String(args.size ?? 'solo');
	if (!['solo', 'group', 'clinic'].includes(size)) throw new Error('--size must be solo, group or clinic');
	if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(args.today))) throw new Error('--today must be YYYY-MM-DD');
	const sandbox = await startSandbox({
		port: intArg(args.port, 'port', 0),
		host: typeof args.host === 'string' ? args.host : '127.0.0.1',
		seed: intArg(args.seed, 'seed', 1),
		size: size as SandboxSize,
		idleTimeoutMinutes: intArg(args.idle, 'idle', 60),
		browserOnlyLogin: args['browser-only'] === true,
		today: typeof args.today === 'string' ? args.today : undefined,
	});
	const { practiceCode, username, password, totpSecret, plainUsername, supervisedUsername } = sandbox.state.demo;
	process.stdout.write(`SANDBOX ${JSON.stringify({ url: sandbox.url, practiceCode, username, password, totpSecret, plainUsername, supervisedUsername })}\n`);
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(2);
});
