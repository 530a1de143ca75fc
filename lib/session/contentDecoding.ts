import { promisify } from 'node:util';
import { brotliDecompress, constants, gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib';

/**
 * Response body decoding for a transport that does not decode by itself (undici's `request`),
 * the way Node's fetch did it: the same codings, decoded in reverse order of the header, leniently
 * (a truncated stream gives what it holds, as browsers and cURL accept), and an unknown coding
 * leaves the body as it came.
 */

/** What fetch announced: brotli only over TLS. */
export function acceptEncodingFor(url: string): string {
	return url.startsWith('https:') ? 'br, gzip, deflate' : 'gzip, deflate';
}

const lenient: ZlibOptions = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const inflateRawAsync = promisify(inflateRaw);
const brotliAsync = promisify(brotliDecompress);

/** "deflate" means zlib-wrapped, but some servers send raw deflate: the zlib header tells which. */
function isZlibWrapped(body: Buffer): boolean {
	return body.length >= 2 && (body[0] & 0x0f) === 8 && ((body[0] << 8) | body[1]) % 31 === 0;
}

const decoders: Record<string, (body: Buffer) => Promise<Buffer>> = {
	gzip: (body) => gunzipAsync(body, lenient),
	'x-gzip': (body) => gunzipAsync(body, lenient),
	deflate: (body) => (isZlibWrapped(body) ? inflateAsync(body, lenient) : inflateRawAsync(body, lenient)),
	br: (body) => brotliAsync(body),
};

/** More codings than this is an attack on memory, not a real response (fetch's own limit). */
const MAX_CODINGS = 5;

/** Bodies that a status or method says are empty are never decoded. */
export function mayHaveEncodedBody(method: string, status: number): boolean {
	return method !== 'HEAD' && status !== 204 && status !== 205 && status !== 304 && !(status >= 100 && status < 200);
}

/** The codings to undo, last applied first; none when one of them is unknown (the body stays as sent). */
export function decodingSteps(contentEncoding: string | undefined): Array<(body: Buffer) => Promise<Buffer>> {
	if (!contentEncoding) return [];
	const codings = contentEncoding.toLowerCase().split(',').map((coding) => coding.trim()).filter((coding) => coding && coding !== 'identity');
	if (codings.length > MAX_CODINGS) throw new Error(`too many content-encodings in response: ${codings.length}`);
	const steps = codings.reverse().map((coding) => decoders[coding]);
	return steps.every(Boolean) ? steps : [];
}

export async function decodeBody(body: Buffer, steps: Array<(body: Buffer) => Promise<Buffer>>): Promise<Buffer> {
	let decoded = body;
	for (const step of steps) decoded = await step(decoded);
	return decoded;
}
