import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { fetchTransport, type HttpRequest, type HttpResponse } from '../../../lib/session';
import { undiciTransport } from '../../../lib/session/undiciTransport';

/**
 * PortalSession's default transport against a real HTTP server on loopback: the contract fetch
 * used to keep for us (redirects, cookies, header names, decoding, timeout), and that it never
 * sends a request twice by itself.
 */

interface Seen {
	method: string;
	url: string;
	headers: IncomingMessage['headers'];
	body: string;
	/** The connection had carried an earlier request (keep-alive reuse). */
	reused: boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

let handler: Handler;
const seen: Seen[] = [];

/** A loopback server that records every request and answers through the current `handler`. */
async function startServer(): Promise<{ server: Server; base: string }> {
	const usedSockets = new WeakSet<object>();
	const server = createServer((req, res) => {
		const reused = usedSockets.has(req.socket);
		usedSockets.add(req.socket);
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), reused };
			seen.push(entry);
			handler(req, res, entry);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stopServer(server: Server): Promise<void> {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
}

let server: Server;
let base: string;
beforeAll(async () => {
	({ server, base } = await startServer());
});
afterAll(() => stopServer(server));
beforeEach(() => {
	seen.length = 0;
});

const get = (path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: 'GET', url: `${base}${path}`, headers: {}, ...extra });

describe('undiciTransport: what fetch did', () => {
	test('a redirect comes back as it is, and its target is never asked for', async () => {
		handler = (_req, res) => {
			res.writeHead(302, { Location: '/login', 'Set-Cookie': ['a=1; Path=/', 'b=2; Path=/; HttpOnly'] });
			res.end('moved');
		};
		const response = await undiciTransport(get('/old'));
		expect(response.status).toBe(302);
		expect(response.headers.location).toBe('/login');
		expect(response.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/; HttpOnly']);
		expect(seen.map((s) => s.url)).toEqual(['/old']);
	});

	test('header names are lower case, one set-cookie line is still a list, repeated headers are joined', async () => {
		handler = (_req, res) => {
			res.setHeader('X-Mixed-Case', 'yes');
			res.setHeader('Set-Cookie', 'only=1; Path=/');
			res.setHeader('X-Twice', ['one', 'two']);
			res.end('{}');
		};
		const response = await undiciTransport(get('/'));
		expect(response.headers['x-mixed-case']).toBe('yes');
		expect(response.headers['set-cookie']).toEqual(['only=1; Path=/']);
		expect(response.headers['x-twice']).toBe('one, two');
		expect(Object.keys(response.headers).every((name) => name === name.toLowerCase())).toBe(true);
	});

	test('a form goes out URL-encoded with its content type, our headers as given', async () => {
		handler = (_req, res) => res.end('ok');
		await undiciTransport({ method: 'POST', url: `${base}/save?msg=3`, headers: { 'X-Requested-With': 'XMLHttpRequest' }, form: { name: 'A & B', n: '1' } });
		expect(seen[0]).toMatchObject({ method: 'POST', url: '/save?msg=3', body: 'name=A+%26+B&n=1' });
		expect(seen[0].headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded', 'x-requested-with': 'XMLHttpRequest', accept: '*/*', 'accept-encoding': 'gzip, deflate' });
	});

	const text = `{"Rows":[${Array.from({ length: 200 }, (_, i) => `{"ID":${i},"Name":"Row ${i} é"}`).join(',')}]}`;
	test.each([
		['gzip', gzipSync(text)],
		['x-gzip', gzipSync(text)],
		['deflate', deflateSync(text)],
		['deflate', deflateRawSync(text)],
		['br', brotliCompressSync(text)],
		['deflate, gzip', gzipSync(deflateSync(text))],
	])('a %s body is decoded', async (coding, encoded) => {
		handler = (_req, res) => {
			res.writeHead(200, { 'Content-Encoding': coding, 'Content-Type': 'application/json' });
			res.end(encoded);
		};
		const response = await undiciTransport(get('/'));
		expect(response.body).toBe(text);
	});

	test('an unknown coding leaves the body as sent; a BOM is dropped as fetch did', async () => {
		handler = (req, res) => {
			if (req.url === '/odd') res.writeHead(200, { 'Content-Encoding': 'compress-9' }).end('raw');
			else res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
		};
		expect((await undiciTransport(get('/odd'))).body).toBe('raw');
		expect((await undiciTransport(get('/bom'))).body).toBe('{"a":1}');
	});

	test('answers the same as the fetch transport did', async () => {
		handler = (req, res) => {
			const body = `{"path":"${req.url}"}`;
			res.writeHead(req.url === '/r' ? 303 : 200, { Location: '/next', 'Set-Cookie': ['x=1', 'y=2'], 'Content-Encoding': 'gzip', 'X-Thing': 'v' });
			res.end(gzipSync(body));
		};
		for (const path of ['/a', '/r']) {
			const [ours, fetched] = [await undiciTransport(get(path)), await fetchTransport(get(path))];
			const comparable = (r: HttpResponse) => ({ status: r.status, body: r.body, cookies: r.headers['set-cookie'], location: r.headers.location, thing: r.headers['x-thing'] });
			expect(comparable(ours)).toEqual(comparable(fetched));
		}
	});

	test('the whole request is bounded by its timeout', async () => {
		handler = () => undefined; // never answers
		const started = Date.now();
		const error = (await undiciTransport(get('/slow', { timeoutMs: 150 })).catch((e: unknown) => e)) as Error;
		expect(error.name).toBe('TimeoutError');
		expect(Date.now() - started).toBeLessThan(2_000);
	});
});

describe('undiciTransport: nothing is sent twice', () => {
	// Its own server, so the pool holds one kept-alive socket to that origin; the pause lets undici
	// put it back in the pool, so the request below goes out on it.
	test.each(['POST', 'GET'] as const)('a %s sent on a kept-alive socket that the server then cuts fails once, and is not resent', async (method) => {
		const own = await startServer();
		try {
			handler = (req, res) => {
				if (req.url === '/write') req.socket.destroy(); // read, maybe processed, never answered
				else res.end('ok');
			};
			await undiciTransport({ method: 'GET', url: `${own.base}/warm`, headers: {} });
			await new Promise((resolve) => setTimeout(resolve, 20));
			const error = await undiciTransport({ method, url: `${own.base}/write`, headers: {}, form: method === 'POST' ? { v: '1' } : undefined }).catch((e: unknown) => e);
			expect((error as { code?: string }).code).toBe('UND_ERR_SOCKET');
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(seen.filter((s) => s.url === '/write').map((s) => s.reused)).toEqual([true]);
		} finally {
			await stopServer(own.server);
		}
	});
});
