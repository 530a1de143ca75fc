import type { AuditLine, AuditSink } from './audit';
import { describeError, NetworkError, PortalHttpError, SessionExpiredError, TherapyNotesError, WriteOutcomeUnknownError } from './errors';
import type { PortalCall } from './protocol';
import { RateLimiter } from './rateLimiter';
import { backoffDelay, retryAfterMs, type RetryPolicy } from './retry';
import { headerValue, type HttpResponse } from './transport';

/** How a pipeline reaches the portal: the standalone session and the n8n transport both offer it. */
export interface SessionDriver {
	/** Sends with the current session; `generation` names the session that was used. */
	send(call: PortalCall<unknown>): Promise<{ response: HttpResponse; generation: number }>;
	/** Logs in again, unless another caller already did after `generation`. */
	renew(generation: number): Promise<void>;
	isExpired(response: HttpResponse): boolean;
}

export interface PipelineOptions {
	rateLimiter: RateLimiter;
	retry: RetryPolicy;
	audit: AuditSink;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
}

type Step<T> = { done: true; value: T } | { done: false; waitMs: number; renewed?: boolean };

/**
 * Every portal call goes through here: pacing, one transparent re-login on expiry, retries with
 * full-jitter backoff for reads and idempotent writes only, Retry-After on 429, parsing, audit.
 */
export class RequestPipeline {
	private readonly sleep: (ms: number) => Promise<void>;

	constructor(
		private readonly driver: SessionDriver,
		private readonly options: PipelineOptions,
	) {
		this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
	}

	async execute<T>(call: PortalCall<T>): Promise<T> {
		let renewed = false;
		for (let attempt = 0; ; attempt++) {
			const started = Date.now();
			try {
				const step = await this.attempt(call, attempt, renewed);
				this.audit(call, attempt, started, step.done ? 'ok' : step.renewed ? 'relogin' : 'retry');
				if (step.done) return step.value;
				if (step.renewed) renewed = true;
				if (step.waitMs > 0) await this.sleep(step.waitMs);
			} catch (error) {
				this.audit(call, attempt, started, `error:${error instanceof TherapyNotesError ? error.name : 'Error'}`, error);
				throw error;
			}
		}
	}

	private async attempt<T>(call: PortalCall<T>, attempt: number, renewed: boolean): Promise<Step<T>> {
		const { retry } = this.options;
		await this.options.rateLimiter.take();
		let sent: { response: HttpResponse; generation: number };
		try {
			sent = await this.driver.send(call as PortalCall<unknown>);
		} catch (error) {
			if (error instanceof TherapyNotesError) throw error;
			if (!call.idempotent) throw new WriteOutcomeUnknownError(call.operation, describeError(error));
			if (attempt >= retry.retries) throw new NetworkError(call.operation, describeError(error));
			return { done: false, waitMs: backoffDelay(retry, attempt, this.options.random) };
		}
		const { response, generation } = sent;
		if (this.driver.isExpired(response)) {
			// The request was not processed, so even a write may be sent again — once.
			if (renewed) throw new SessionExpiredError(call.operation);
			await this.driver.renew(generation);
			return { done: false, waitMs: 0, renewed: true };
		}
		if (response.status === 429) {
			const wait = retryAfterMs(headerValue(response, 'retry-after')) ?? backoffDelay(retry, attempt, this.options.random);
			if (attempt >= retry.retries || wait > retry.maxRetryAfterMs) throw new PortalHttpError(call.operation, 429, Math.ceil(wait / 1000));
			return { done: false, waitMs: wait };
		}
		if (response.status >= 500) {
			if (!call.idempotent || attempt >= retry.retries) throw new PortalHttpError(call.operation, response.status);
			return { done: false, waitMs: backoffDelay(retry, attempt, this.options.random) };
		}
		if (response.status !== 200) throw new PortalHttpError(call.operation, response.status);
		return { done: true, value: call.parse(response) };
	}

	private audit(call: PortalCall<unknown>, attempt: number, started: number, outcome: string, error?: unknown): void {
		const line: AuditLine = {
			at: new Date().toISOString(),
			operation: call.operation,
			kind: call.kind ?? (call.idempotent ? 'call' : 'write'),
			ids: call.ids ?? [],
			outcome,
			attempt,
			durationMs: Date.now() - started,
		};
		if (error instanceof PortalHttpError) line.status = error.status;
		this.options.audit(line);
	}
}
