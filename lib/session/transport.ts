/**
 * What the session layer needs from HTTP. Cookies are NOT the transport's job: the session keeps
 * them in its own jar, so the same login code runs over undici here and over n8n's httpRequest
 * inside a credential's preAuthentication.
 */
export interface HttpRequest {
	method: 'GET' | 'POST';
	url: string;
	headers: Record<string, string>;
	/** Form fields, sent as application/x-www-form-urlencoded. */
	form?: Record<string, string>;
	timeoutMs?: number;
}

export interface HttpResponse {
	status: number;
	/** Lower-case header names; `set-cookie` keeps every line. */
	headers: Record<string, string | string[]>;
	body: string;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export function headerValue(response: HttpResponse, name: string): string | undefined {
	const value = response.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function setCookieLines(response: HttpResponse): string[] {
	const value = response.headers['set-cookie'];
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}

/** A request's headers and body as sent: the form, if any, URL-encoded with its content type. */
export function encodeRequestBody(request: HttpRequest): { headers: Record<string, string>; body: string | undefined } {
	const headers: Record<string, string> = { ...request.headers };
	if (!request.form) return { headers, body: undefined };
	headers['Content-Type'] = 'application/x-www-form-urlencoded';
	return { headers, body: new URLSearchParams(request.form).toString() };
}

/**
 * A transport on Node's global fetch, never following redirects. PortalSession's default is
 * undiciTransport (lib/session/undiciTransport.ts), which reads large bodies faster; this one
 * needs no package at all.
 */
export const fetchTransport: Transport = async (request) => {
	const { headers, body } = encodeRequestBody(request);
	const response = await fetch(request.url, {
		method: request.method,
		headers,
		body,
		redirect: 'manual',
		signal: AbortSignal.timeout(request.timeoutMs ?? 60_000),
	});
	const out: Record<string, string | string[]> = {};
	response.headers.forEach((value, key) => {
		if (key !== 'set-cookie') out[key] = value;
	});
	const cookies = response.headers.getSetCookie();
	if (cookies.length) out['set-cookie'] = cookies;
	return { status: response.status, headers: out, body: await response.text() };
};
