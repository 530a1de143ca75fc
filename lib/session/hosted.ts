import type { SessionDriver } from './pipeline';
import type { PortalCall, PortalProtocol } from './protocol';
import type { HttpRequest, HttpResponse } from './transport';

/**
 * A host that authenticates requests itself (n8n's httpRequestWithAuthentication): it adds the
 * stored session to each request and can renew it so that every process sharing the credential
 * sees the new one.
 */
export interface SessionHost {
	send(request: HttpRequest): Promise<HttpResponse>;
	/** Asks the host to check the stored session and log in again if it is really gone. */
	renew(): Promise<void>;
}

/** A session driver whose login and cookies live with the host, not in this process. */
export class HostedSession implements SessionDriver {
	private generation = 0;
	private renewal: Promise<void> | null = null;
	private readonly origin: string;

	constructor(
		private readonly host: SessionHost,
		private readonly protocol: PortalProtocol,
		baseUrl: string,
	) {
		this.origin = baseUrl.replace(/\/+$/, '');
	}

	async send(call: PortalCall<unknown>): Promise<{ response: HttpResponse; generation: number }> {
		if (this.renewal) await this.renewal;
		const generation = this.generation;
		const response = await this.host.send({
			method: call.method,
			url: `${this.origin}${call.path}`,
			headers: { ...this.protocol.requestHeaders },
			form: call.method === 'POST' ? (call.form ?? {}) : undefined,
		});
		return { response, generation };
	}

	/** Concurrent callers that saw the same dead session share one renewal. */
	async renew(generation: number): Promise<void> {
		if (generation !== this.generation) return;
		this.renewal ??= this.host.renew().finally(() => {
			this.generation++;
			this.renewal = null;
		});
		await this.renewal;
	}

	isExpired(response: HttpResponse): boolean {
		return this.protocol.isExpired(response);
	}
}
