import { createHash, randomUUID } from 'node:crypto';

/**
 * A deliberately naive portal client written only from ../shared/PORTAL.md, with nothing of
 * lib/ — the sandbox tests use it to check the sandbox against the documented protocol.
 */
export class RawPortalClient {
	readonly cookies = new Map<string, string>();
	tnrac = '';

	constructor(readonly baseUrl: string) {}

	cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	private keepCookies(response: Response): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Response> {
		const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest', Cookie: this.cookieHeader() };
		let body: string | undefined;
		if (form) {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(form).toString();
		}
		const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
		this.keepCookies(response);
		return response;
	}

	async postJson(path: string, form: Record<string, string>): Promise<Record<string, unknown>> {
		const response = await this.request('POST', path, { ...form, correlationid: randomUUID() });
		const text = await response.text();
		try {
			return JSON.parse(text) as Record<string, unknown>;
		} catch {
			return { __status: response.status, __text: text };
		}
	}

	/** Steps 1 and 2 of PORTAL.md's login; returns the msg=4 answer (which may ask for a code). */
	async login(practiceCode: string, username: string, password: string): Promise<Record<string, unknown>> {
		this.cookies.set('timezone-offset', '0');
		this.cookies.set('cookie-detection', '1');
		const step1 = await this.postJson('/app/session/processlogin.aspx?msg=3', { practicecode: practiceCode, docookiecheck: 'true' });
		if (step1.Success !== true) return step1;
		return this.postJson('/app/session/processlogin.aspx?msg=4', {
			msg: '4',
			username,
			password: createHash('sha512').update(password).digest('hex').toUpperCase(),
			agreetos: 'false',
			docookiecheck: 'true',
			'e-username': Buffer.from(practiceCode).toString('base64'),
			twofactorreentryskipfornow: 'false',
		});
	}

	async submitCode(code: string, rememberDevice: boolean): Promise<Record<string, unknown>> {
		return this.postJson('/app/session/processlogin.aspx?msg=5', { code, rememberdevice: String(rememberDevice) });
	}

	/** Opens the dashboard and keeps the `tnrac` token it hands out. */
	async openDashboard(): Promise<Response> {
		const response = await this.request('GET', '/app/dashboard/');
		if (response.status === 200) {
			const html = await response.text();
			const match = /<meta name="tnrac" content="([^"]+)"/.exec(html);
			this.tnrac = match?.[1] ?? '';
		}
		return response;
	}

	/** Calls a `*.aspx?msg=N` data handler with the session's tnrac. */
	async call(path: string, msg: number, fields: Record<string, string> = {}): Promise<Record<string, unknown>> {
		return this.postJson(`${path}?msg=${msg}`, { tnrac: this.tnrac, ...fields });
	}
}
