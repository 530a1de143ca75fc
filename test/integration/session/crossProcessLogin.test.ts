import type { RunningSandbox } from '../../../sandbox/server';
import { admin, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';
import { fetchTransport, LoginError } from '../../../lib/session';
import { RedisConnection } from '../../../lib/session/redis';
import { crossProcessLoginFromEnv, redisAddressFromEnv, redisCrossProcessLogin, type CrossProcessOptions } from '../../../lib/client/crossProcess';
import { handOffKeysFor, unseal } from '../../../lib/client/crossProcessSeal';
import type * as Hosted from '../../../lib/client/hosted';
import { freePort } from '../../e2e/lib/proc';
import { redisAvailable, startRedis, type RunningService } from '../../e2e/queue/services';

/**
 * The queue-mode login lock against a real redis-server and the sandbox. Each "process" is its
 * own copy of lib/client/hosted.ts (jest.isolateModules), so the in-process guard of one cannot
 * see the other's login, exactly as two n8n workers cannot.
 */

const describeWithRedis = redisAvailable() ? describe : describe.skip;
if (!redisAvailable()) process.stdout.write('crossProcessLogin.test.ts skipped: /usr/bin/redis-server is missing (apt-get install -y redis-server)\n');

type HostedModule = typeof Hosted;

function aProcess(): HostedModule {
	let loaded: HostedModule | undefined;
	// Bundles of one process share their memory through globalThis; another process has its own.
	delete (globalThis as Record<symbol, unknown>)[Symbol.for('n8n-nodes-therapynotes.hosted-sessions.v1')];
	jest.isolateModules(() => {
		loaded = jest.requireActual<HostedModule>('../../../lib/client/hosted');
	});
	return loaded as HostedModule;
}

let redis: RunningService;
let sandbox: RunningSandbox;
const stats = () => admin(sandbox, 'GET', 'stats');

beforeAll(async () => {
	if (redisAvailable()) redis = await startRedis(await freePort());
});
afterAll(async () => {
	await redis?.stop();
});
beforeEach(async () => {
	sandbox = await withSandbox();
	if (!redisAvailable()) return;
	const connection = await RedisConnection.open({ host: '127.0.0.1', port: redis.port });
	await connection.command(['FLUSHALL']);
	connection.close();
});
afterEach(async () => {
	await sandbox.close();
});

function storedFor(overrides: Record<string, unknown> = {}) {
	const c = credentialsFor(sandbox, 'plain');
	return { environment: 'custom' as const, baseUrl: c.baseUrl, practiceCode: c.practiceCode, username: c.username, password: c.password, loginMethod: 'http' as const, session: '', ...overrides };
}

/** Two processes sharing one Redis, each with its own in-process guard. */
function twoProcesses(options: Partial<CrossProcessOptions> = {}, port = redis.port): [HostedModule, HostedModule] {
	const pair: [HostedModule, HostedModule] = [aProcess(), aProcess()];
	for (const hosted of pair) hosted.useCrossProcessLogin(redisCrossProcessLogin({ host: '127.0.0.1', port }, options));
	return pair;
}

/** The sandbox answers the login a little slowly, so both processes are surely inside it at once. */
const slowLogin = () => admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'session/login', fault: 'latency', latencyMs: 400 }] });

describeWithRedis('cross-process login (n8n queue mode) against redis-server', () => {
	test('control: two processes without the lock log in twice and the second ends the first session', async () => {
		const [a, b] = [aProcess(), aProcess()];
		a.useCrossProcessLogin(null);
		b.useCrossProcessLogin(null);
		await slowLogin();
		// The second login ends the first session, often before the first has even read its page token.
		await Promise.allSettled([a.refreshStoredSession(storedFor(), fetchTransport), b.refreshStoredSession(storedFor(), fetchTransport)]);
		expect(await stats()).toMatchObject({ loginAttempts: 2, sessionsEndedByOtherLogin: 1 });
	});

	test('two processes that both saw an empty session: one login, both get the same session', async () => {
		const [a, b] = twoProcesses();
		await slowLogin();
		const sessions = await Promise.all([a.refreshStoredSession(storedFor(), fetchTransport), b.refreshStoredSession(storedFor(), fetchTransport)]);
		expect(sessions[1]).toBe(sessions[0]);
		expect(JSON.parse(sessions[0]).requestToken).toBeTruthy();
		const s = await stats();
		expect(s.logins).toBe(1);
		expect(s.sessionsEndedByOtherLogin).toBe(0);
	});

	test('a process still holding the old dead session takes the fresh one instead of logging in', async () => {
		const [a, b] = twoProcesses();
		const first = await a.refreshStoredSession(storedFor(), fetchTransport);
		await admin(sandbox, 'POST', 'sessions/expire');
		const second = await a.refreshStoredSession(storedFor({ session: first }), fetchTransport);
		expect(second).not.toBe(first);
		const fromB = await b.refreshStoredSession(storedFor({ session: first }), fetchTransport);
		expect(fromB).toBe(second);
		expect((await stats()).logins).toBe(2);
		// The one it holds is the newest and dead: it must log in (nothing better is on offer).
		await admin(sandbox, 'POST', 'sessions/expire');
		const third = await b.refreshStoredSession(storedFor({ session: second }), fetchTransport);
		expect(third).not.toBe(second);
		expect((await stats()).logins).toBe(3);
	});

	test('a refusal in one process is not tried again by the other (no step towards a lockout)', async () => {
		const [a, b] = twoProcesses();
		const wrong = storedFor({ password: 'not-the-password' });
		await expect(a.refreshStoredSession(wrong, fetchTransport)).rejects.toMatchObject({ reason: 'credentials' });
		const error = await b.refreshStoredSession(wrong, fetchTransport).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(LoginError);
		expect((error as LoginError).reason).toBe('credentials');
		expect(await stats()).toMatchObject({ loginAttempts: 1, failedLogins: 1 });
	});

	test('Redis holds only sealed values: no cookie, token or credential readable, and other keys cannot open them', async () => {
		const [a] = twoProcesses();
		const session = await a.refreshStoredSession(storedFor(), fetchTransport);
		const connection = await RedisConnection.open({ host: '127.0.0.1', port: redis.port });
		try {
			const keys = (await connection.command(['KEYS', '*'])) as string[];
			const values = await Promise.all(keys.map((k) => connection.command(['GET', k])));
			const dump = JSON.stringify([keys, values]);
			const state = JSON.parse(session) as { requestToken: string; cookies: { cookies: Array<{ value: string }> } };
			const c = credentialsFor(sandbox, 'plain');
			const secrets = [state.requestToken, ...state.cookies.cookies.map((x) => x.value), c.password, c.username, c.practiceCode].filter((v) => v.length >= 6);
			expect(secrets.length).toBeGreaterThanOrEqual(4);
			for (const secret of secrets) expect(dump).not.toContain(secret);
			const resultValue = values[keys.findIndex((k) => k.endsWith(':login-result'))] as string;
			const own = await handOffKeysFor(c);
			expect(unseal(own, resultValue)).toEqual({ kind: 'session', session });
			expect(unseal(await handOffKeysFor({ ...c, password: `${c.password}x` }), resultValue)).toBeNull();
		} finally {
			connection.close();
		}
	});

	test('a holder that died with the lock: the other logs in once the lock expires', async () => {
		const c = credentialsFor(sandbox, 'plain');
		const keys = await handOffKeysFor(c);
		const connection = await RedisConnection.open({ host: '127.0.0.1', port: redis.port });
		// Timed from before the SET: on a loaded machine the set-up after it can take most of the 800 ms.
		const lockedAt = Date.now();
		await connection.command(['SET', `n8n-nodes-therapynotes:{${keys.id}}:login-lock`, 'dead-holder', 'PX', 800]);
		connection.close();
		const [a] = twoProcesses({ lockMs: 800 });
		const session = await a.refreshStoredSession(storedFor(), fetchTransport);
		expect(Date.now() - lockedAt).toBeGreaterThanOrEqual(790);
		expect(JSON.parse(session).requestToken).toBeTruthy();
		expect((await stats()).logins).toBe(1);
	});

	test('Redis unreachable: each process logs in as it would without queue mode', async () => {
		const closed = await freePort();
		const [a] = twoProcesses({ connectTimeoutMs: 500 }, closed);
		const session = await a.refreshStoredSession(storedFor(), fetchTransport);
		expect(JSON.parse(session).requestToken).toBeTruthy();
		expect((await stats()).logins).toBe(1);
	});

	test('AUTH: a password-protected Redis is used with n8n\'s QUEUE_BULL_REDIS_PASSWORD', async () => {
		const port = await freePort();
		const guarded = await startRedis(port, { password: 'queue-pass' });
		try {
			const env = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port), QUEUE_BULL_REDIS_PASSWORD: 'queue-pass' };
			expect(redisAddressFromEnv(env)).toEqual({ host: '127.0.0.1', port, username: undefined, password: 'queue-pass', db: 0, tls: false });
			const [a, b] = [aProcess(), aProcess()];
			a.useCrossProcessLogin(crossProcessLoginFromEnv(env));
			b.useCrossProcessLogin(crossProcessLoginFromEnv(env));
			await slowLogin();
			const sessions = await Promise.all([a.refreshStoredSession(storedFor(), fetchTransport), b.refreshStoredSession(storedFor(), fetchTransport)]);
			expect(sessions[1]).toBe(sessions[0]);
			expect((await stats()).logins).toBe(1);
			await expect(RedisConnection.open({ host: '127.0.0.1', port, password: 'wrong' })).rejects.toThrow(/WRONGPASS|invalid/i);
		} finally {
			await guarded.stop();
		}
	});
});

describe('cross-process login: when it is on', () => {
	test('only in n8n queue mode, and not for a Redis cluster', () => {
		expect(crossProcessLoginFromEnv({})).toBeNull();
		expect(crossProcessLoginFromEnv({ EXECUTIONS_MODE: 'regular', QUEUE_BULL_REDIS_HOST: 'redis' })).toBeNull();
		expect(crossProcessLoginFromEnv({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_CLUSTER_NODES: 'a:1,b:2' })).toBeNull();
		expect(crossProcessLoginFromEnv({ EXECUTIONS_MODE: 'queue' })).not.toBeNull();
		expect(redisAddressFromEnv({})).toMatchObject({ host: 'localhost', port: 6379, db: 0, tls: false });
	});
});
