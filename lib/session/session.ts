import type { AuditSink } from './audit';
import { silentAudit } from './audit';
import { SessionCookies } from './cookies';
import { LoginError } from './errors';
import { performLogin, credentialFingerprint, type LoginDependencies } from './login';
import { RequestPipeline, type SessionDriver } from './pipeline';
import type { LoginCredentials, PortalCall, PortalProtocol } from './protocol';
import { RateLimiter } from './rateLimiter';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';
import { emptyState, type SessionState } from './state';
import type { HttpResponse, Transport } from './transport';
import { undiciTransport } from './undiciTransport';

export interface PortalSessionOptions {
	credentials: LoginCredentials;
	protocol: PortalProtocol;
	transport?: Transport;
	/** A stored session to resume (from another process or an earlier run). */
	state?: SessionState | null;
	requestsPerSecond?: number;
	retry?: Partial<RetryPolicy>;
	audit?: AuditSink;
	/** Called after every login with the new state, e.g. to store it. */
	onStateChange?: (state: SessionState) => void;
	login?: Partial<Omit<LoginDependencies, 'protocol' | 'transport'>>;
}

export const DEFAULT_REQUESTS_PER_SECOND = 10;

/**
 * A TherapyNotes session for plain Node: its own cookie jar, one login shared by all concurrent
 * callers (single flight), resumable from a serialised state.
 */
export class PortalSession implements SessionDriver {
	private state: SessionState;
	private cookies: SessionCookies;
	private generation = 0;
	private loginInFlight: Promise<void> | null = null;
	/** A refused login is remembered: asking again with the same credentials could lock the account. */
	private loginRefusal: LoginError | null = null;
	private readonly transport: Transport;
	private readonly pipeline: RequestPipeline;
	private readonly origin: string;

	constructor(private readonly options: PortalSessionOptions) {
		this.transport = options.transport ?? undiciTransport;
		this.origin = options.credentials.baseUrl.replace(/\/+$/, '');
		const fingerprint = credentialFingerprint(options.credentials);
		this.state = options.state && options.state.fingerprint === fingerprint ? options.state : emptyState(fingerprint);
		this.cookies = SessionCookies.restore(this.state.cookies);
		this.pipeline = new RequestPipeline(this, {
			rateLimiter: new RateLimiter(options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND),
			retry: { ...DEFAULT_RETRY, ...options.retry },
			audit: options.audit ?? silentAudit,
		});
	}

	request<T>(call: PortalCall<T>): Promise<T> {
		return this.pipeline.execute(call);
	}

	exportState(): SessionState {
		return { ...this.state, cookies: this.cookies.serialize() };
	}

	/** Logs in now unless a login is already under way, which the caller then shares. */
	login(): Promise<void> {
		this.loginInFlight ??= this.doLogin().finally(() => {
			this.loginInFlight = null;
		});
		return this.loginInFlight;
	}

	async renew(generation: number): Promise<void> {
		if (generation === this.generation || this.loginInFlight) await this.login();
	}

	isExpired(response: HttpResponse): boolean {
		return this.options.protocol.isExpired(response);
	}

	async send(call: PortalCall<unknown>): Promise<{ response: HttpResponse; generation: number }> {
		if (!this.state.requestToken || this.loginInFlight) await this.login();
		const generation = this.generation;
		const url = `${this.origin}${call.path}`;
		const headers: Record<string, string> = { ...this.options.protocol.requestHeaders };
		const cookieHeader = this.cookies.headerFor(url);
		if (cookieHeader) headers.Cookie = cookieHeader;
		const form = call.method === 'POST' ? this.options.protocol.decorate(call.form ?? {}, this.state.requestToken ?? '') : undefined;
		const response = await this.transport({ method: call.method, url, headers, form });
		this.cookies.keepFrom(url, response);
		return { response, generation };
	}

	private async doLogin(): Promise<void> {
		if (this.loginRefusal) throw this.loginRefusal;
		const started = Date.now();
		let next: SessionState;
		try {
			next = await performLogin(this.options.credentials, this.exportState(), {
				protocol: this.options.protocol,
				transport: this.transport,
				...this.options.login,
			});
		} catch (error) {
			if (error instanceof LoginError) this.loginRefusal = error;
			this.auditLogin(started, `error:${error instanceof Error ? error.name : 'Error'}`);
			throw error;
		}
		this.auditLogin(started, 'ok');
		this.state = next;
		this.cookies = SessionCookies.restore(next.cookies);
		this.generation++;
		this.options.onStateChange?.(this.exportState());
	}

	private auditLogin(started: number, outcome: string): void {
		(this.options.audit ?? silentAudit)({ at: new Date().toISOString(), operation: 'session/login', kind: 'login', ids: [], outcome, attempt: 0, durationMs: Date.now() - started });
	}
}
