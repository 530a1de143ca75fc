import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import type { RunningSandbox } from '../sandbox/server';
import { loggedInClient } from '../test/helpers/sandbox';

/**
 * The physical limit for a list: undici's own `request` on a keep-alive pool, the form sent as
 * given, the answer read with JSON.parse and nothing else (no session layer, no checks, no
 * mapping). It logs in once with the test helper's naive client, as a clinician with a remembered
 * device, so our client (the front desk) keeps its own session under the one-session rule.
 */
export class BareClient {
	private readonly pool: Pool;

	private constructor(
		baseUrl: string,
		private readonly cookie: string,
		private readonly tnrac: string,
	) {
		this.pool = new Pool(baseUrl, { connections: 4 });
	}

	static async login(sandbox: RunningSandbox): Promise<BareClient> {
		const raw = await loggedInClient(sandbox, 'demo');
		return new BareClient(sandbox.url, raw.cookieHeader(), raw.tnrac);
	}

	/** One POST to a data handler; `path` includes `?msg=N`, `form` the handler's fields. */
	async post(path: string, form: Record<string, string>): Promise<unknown> {
		const { statusCode, body } = await this.pool.request({
			method: 'POST',
			path,
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'XMLHttpRequest', cookie: this.cookie },
			body: new URLSearchParams({ ...form, tnrac: this.tnrac, correlationid: randomUUID() }).toString(),
		});
		const text = await body.text();
		if (statusCode !== 200) throw new Error(`bare client: ${path} answered ${statusCode}`);
		return JSON.parse(text) as unknown;
	}

	close(): Promise<void> {
		return this.pool.close();
	}
}
