import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LoginError, type LoginFailure } from '../session/errors';
import type { LoginCredentials } from '../session/protocol';
import { RedisConnection, RedisError, type RedisAddress } from '../session/redis';
import { handOffKeysFor, seal, unseal, type HandOffKeys } from './crossProcessSeal';

/**
 * One login across every n8n process (main and workers) in queue mode. n8n calls a credential's
 * preAuthentication in whichever process saw an empty or dead session, with only the values it
 * read from the database at the start of that request: two workers that both saw the old session
 * would both log in, and under the portal's one-session rule the second login ends the first.
 * Queue mode always has Redis, so the login runs under a Redis lock per credential, and the
 * process that logged in leaves the fresh session (or the refusal) there, sealed, for the others.
 */

export interface SharedLoginRequest {
	credentials: LoginCredentials;
	/** The session the caller holds (dead, or empty): a handed-off session equal to it is no use. */
	heldSession: string;
	login: () => Promise<string>;
	/** The refusal the other processes must not try again, when `error` is one. */
	refusalOf: (error: unknown) => LoginFailure | null;
}

export interface CrossProcessLogin {
	singleFlight(request: SharedLoginRequest): Promise<string>;
}

export interface CrossProcessOptions {
	/** Longer than any login (a browser login with a TOTP wait): a holder that died frees it then. */
	lockMs: number;
	/** How long a fresh session is offered to processes that still hold the old one. */
	sessionMs: number;
	/** How long a refusal stops every process from trying the same values again. */
	refusalMs: number;
	pollMs: number;
	connectTimeoutMs: number;
}

export const DEFAULT_CROSS_PROCESS_OPTIONS: CrossProcessOptions = { lockMs: 120_000, sessionMs: 120_000, refusalMs: 15 * 60_000, pollMs: 100, connectTimeoutMs: 3000 };

type HandOff = { kind: 'session'; session: string } | { kind: 'refused'; reason: LoginFailure };

const RELEASE_IF_OURS = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

class Coordination {
	private readonly lock: string;
	private readonly result: string;
	private readonly token = randomBytes(16).toString('hex');

	constructor(
		private readonly redis: RedisConnection,
		private readonly keys: HandOffKeys,
		private readonly request: SharedLoginRequest,
		private readonly options: CrossProcessOptions,
	) {
		// The hash tag keeps both keys in one slot, should the Redis be a cluster proxy.
		this.lock = `n8n-nodes-therapynotes:{${keys.id}}:login-lock`;
		this.result = `n8n-nodes-therapynotes:{${keys.id}}:login-result`;
	}

	async run(): Promise<string> {
		const deadline = Date.now() + this.options.lockMs + 10_000;
		while (Date.now() < deadline) {
			let acquired: boolean;
			try {
				const handed = await this.handedOff();
				if (handed !== undefined) return handed;
				acquired = (await this.redis.command(['SET', this.lock, this.token, 'NX', 'PX', this.options.lockMs])) === 'OK';
			} catch (error) {
				// Redis failed before anyone here logged in: behave as a single process would.
				if (error instanceof RedisError) return await this.request.login();
				throw error;
			}
			if (acquired) return await this.loginHolding();
			await sleep(this.options.pollMs);
		}
		throw new LoginError('unexpected', 'another n8n process held the TherapyNotes login lock too long');
	}

	/** With the lock held: the previous holder may have finished between our look and our lock. */
	private async loginHolding(): Promise<string> {
		try {
			const handed = await this.handedOff().catch((error: unknown) => {
				if (error instanceof RedisError) return undefined;
				throw error;
			});
			if (handed !== undefined) return handed;
			return await this.loginAndHandOff();
		} finally {
			await this.redis.command(['EVAL', RELEASE_IF_OURS, 1, this.lock, this.token]).catch(() => undefined);
		}
	}

	private async loginAndHandOff(): Promise<string> {
		let session: string;
		try {
			session = await this.request.login();
		} catch (error) {
			const reason = this.request.refusalOf(error);
			if (reason) await this.leave({ kind: 'refused', reason }, this.options.refusalMs);
			throw error;
		}
		await this.leave({ kind: 'session', session }, this.options.sessionMs);
		return session;
	}

	/** Losing the hand-off costs at worst the other processes' own login, never this one's result. */
	private async leave(handOff: HandOff, ttlMs: number): Promise<void> {
		await this.redis.command(['SET', this.result, seal(this.keys, handOff), 'PX', ttlMs]).catch(() => undefined);
	}

	private async handedOff(): Promise<string | undefined> {
		const sealed = await this.redis.command(['GET', this.result]);
		if (typeof sealed !== 'string') return undefined;
		const handOff = unseal(this.keys, sealed) as HandOff | null;
		if (handOff?.kind === 'refused') throw new LoginError(handOff.reason, 'not retried: another n8n process was refused with the same values moments ago');
		if (handOff?.kind === 'session' && typeof handOff.session === 'string' && handOff.session !== this.request.heldSession) return handOff.session;
		return undefined;
	}
}

export function redisCrossProcessLogin(address: RedisAddress, options: Partial<CrossProcessOptions> = {}): CrossProcessLogin {
	const settings = { ...DEFAULT_CROSS_PROCESS_OPTIONS, ...options };
	return {
		async singleFlight(request) {
			const keys = await handOffKeysFor(request.credentials);
			let redis: RedisConnection;
			try {
				redis = await RedisConnection.open(address, settings.connectTimeoutMs);
			} catch {
				return await request.login();
			}
			try {
				return await new Coordination(redis, keys, request, settings).run();
			} finally {
				redis.close();
			}
		},
	};
}

/** n8n's own queue settings (`QUEUE_BULL_REDIS_*`, with n8n's defaults and `_FILE` variants). */
export function redisAddressFromEnv(env: NodeJS.ProcessEnv): RedisAddress {
	const value = (name: string): string | undefined => {
		const file = env[`${name}_FILE`];
		if (file) return readFileSync(file, 'utf8').trim();
		return env[name] || undefined;
	};
	return {
		host: value('QUEUE_BULL_REDIS_HOST') ?? 'localhost',
		port: Number(value('QUEUE_BULL_REDIS_PORT') ?? 6379),
		username: value('QUEUE_BULL_REDIS_USERNAME'),
		password: value('QUEUE_BULL_REDIS_PASSWORD'),
		db: Number(value('QUEUE_BULL_REDIS_DB') ?? 0),
		tls: value('QUEUE_BULL_REDIS_TLS') === 'true',
	};
}

/**
 * In queue mode (`EXECUTIONS_MODE=queue`) every n8n process has the queue's Redis address in its
 * environment; otherwise there is one process and the in-process guard is all that is needed.
 * A Redis cluster (`QUEUE_BULL_REDIS_CLUSTER_NODES`) is not supported: the in-process guard alone.
 */
export function crossProcessLoginFromEnv(env: NodeJS.ProcessEnv): CrossProcessLogin | null {
	if (env.EXECUTIONS_MODE !== 'queue' || env.QUEUE_BULL_REDIS_CLUSTER_NODES) return null;
	return redisCrossProcessLogin(redisAddressFromEnv(env));
}
