import { Agent, request } from 'undici';
import { acceptEncodingFor, decodeBody, decodingSteps, mayHaveEncodedBody } from './contentDecoding';
import { encodeRequestBody, type HttpResponse, type Transport } from './transport';

/**
 * The transport for plain Node: undici's `request`. Node's global fetch is the same undici
 * underneath, but reads every body through WHATWG streams, which cost a listing of 10,000
 * appointments about a tenth more than the bare request (bench/list.bench.ts).
 *
 * Kept what fetch did for us: no redirect is followed (`request` never follows one), the whole
 * request is bounded by one timeout, gzip/deflate/br bodies are decoded, header names are lower
 * case and `set-cookie` keeps every line. Nothing is ever sent twice here: `request` does not
 * retry, and a kept-alive socket that the server closed fails the request that was on it, so the
 * session layer alone decides what may be resent (a write never is).
 *
 * Not exported from lib/session/index.ts, only imported by PortalSession as its default. Loading
 * undici installs it as the process's global HTTP dispatcher, and inside n8n the nodes send
 * through n8n's own helpers and never build a PortalSession, so the node bundles must carry
 * neither (scripts/build.mjs marks this module droppable and fails the build if undici gets in).
 */

let pool: Agent | undefined;

/** Our own keep-alive pool: the global dispatcher may be an older undici (Node's fetch's). */
function dispatcher(): Agent {
	pool ??= new Agent();
	return pool;
}

/** Header lines as fetch gave them: repeated headers joined, except `set-cookie`, always a list. */
function normaliseHeaders(raw: Record<string, string | string[] | undefined>): HttpResponse['headers'] {
	const headers: HttpResponse['headers'] = {};
	for (const [name, value] of Object.entries(raw)) {
		if (value === undefined) continue;
		const key = name.toLowerCase();
		if (key === 'set-cookie') headers[key] = Array.isArray(value) ? value : [value];
		else headers[key] = Array.isArray(value) ? value.join(', ') : value;
	}
	return headers;
}

/** The body as text, BOM dropped (as fetch's `text()`), decoded first when it came compressed. */
async function readBody(answer: Awaited<ReturnType<typeof request>>, method: string, headers: HttpResponse['headers']): Promise<string> {
	const encoding = headers['content-encoding'];
	const steps = mayHaveEncodedBody(method, answer.statusCode) ? decodingSteps(Array.isArray(encoding) ? encoding.join(',') : encoding) : [];
	if (!steps.length) return answer.body.text();
	const decoded = await decodeBody(Buffer.from(await answer.body.arrayBuffer()), steps);
	const bom = decoded.length >= 3 && decoded[0] === 0xef && decoded[1] === 0xbb && decoded[2] === 0xbf;
	return decoded.toString('utf8', bom ? 3 : 0);
}

export const undiciTransport: Transport = async (req) => {
	const { headers, body } = encodeRequestBody(req);
	const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
	// What fetch added by default, so the portal sees the same request as before.
	if (!names.has('accept')) headers.accept = '*/*';
	if (!names.has('accept-encoding')) headers['accept-encoding'] = acceptEncodingFor(req.url);
	const answer = await request(req.url, {
		method: req.method,
		headers,
		body,
		dispatcher: dispatcher(),
		signal: AbortSignal.timeout(req.timeoutMs ?? 60_000),
	});
	const out = normaliseHeaders(answer.headers);
	return { status: answer.statusCode, headers: out, body: await readBody(answer, req.method, out) };
};
