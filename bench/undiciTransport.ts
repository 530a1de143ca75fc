import { request } from 'undici';
import type { HttpResponse, Transport } from '../lib/session';
import { encodeRequestBody } from '../lib/session/transport';

/**
 * Our session's Transport on undici's `request` API instead of Node's built-in fetch: the same
 * contract (no redirects followed, set-cookie kept as lines, body as text). Used only to show
 * how much of the list's overhead is fetch's WHATWG-stream body reading rather than our code.
 */
export const undiciTransport: Transport = async (req) => {
	const { headers, body } = encodeRequestBody(req);
	const answer = await request(req.url, { method: req.method, headers, body, headersTimeout: req.timeoutMs ?? 60_000, bodyTimeout: req.timeoutMs ?? 60_000 });
	const out: HttpResponse['headers'] = {};
	for (const [key, value] of Object.entries(answer.headers)) if (value !== undefined) out[key.toLowerCase()] = value;
	return { status: answer.statusCode, headers: out, body: await answer.body.text() };
};
