import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';

/**
 * A minimal SMTP server that accepts every message and keeps it in memory, so end-to-end tests can
 * assert that a workflow's Send Email node really sent its receipt. No TLS (STARTTLS is not
 * offered, so clients stay in plain text), AUTH PLAIN and LOGIN accepted with any secret. The
 * messages are readable in-process (`messages()`) and over HTTP (`GET /messages`).
 */

export interface CapturedMessage {
	from: string;
	to: string[];
	subject: string;
	/** The raw message (headers and body) after dot-unstuffing. */
	data: string;
	authenticatedAs: string | null;
	receivedAt: string;
}

export interface SmtpCapture {
	host: string;
	port: number;
	httpUrl: string;
	messages(): CapturedMessage[];
	close(): Promise<void>;
}

interface Session {
	from: string;
	to: string[];
	user: string | null;
	mode: 'command' | 'data' | 'authLoginUser' | 'authLoginPassword';
	dataLines: string[];
}

const freshEnvelope = (user: string | null): Session => ({ from: '', to: [], user, mode: 'command', dataLines: [] });

const address = (arg: string) => /<([^>]*)>/.exec(arg)?.[1] ?? arg.trim();

/** The Subject header, unfolded; encoded words are left as they are (tests compare ASCII subjects). */
function subjectOf(data: string): string {
	const headers = data.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
	return /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '';
}

const decodeBase64 = (text: string) => Buffer.from(text, 'base64').toString('utf8');

/** AUTH PLAIN's payload is `authzid\0authcid\0password`; the user name is all we keep. */
function plainUser(payload: string): string {
	return decodeBase64(payload).split('\0')[1] ?? '';
}

function handleAuth(session: Session, arg: string, reply: (line: string) => void) {
	const [mechanism, initial] = arg.split(/\s+/);
	if (/^plain$/i.test(mechanism)) {
		if (initial) {
			session.user = plainUser(initial);
			return reply('235 2.7.0 Authentication successful');
		}
		session.mode = 'authLoginPassword';
		session.user = '';
		return reply('334 ');
	}
	if (/^login$/i.test(mechanism)) {
		if (initial) {
			session.user = decodeBase64(initial);
			session.mode = 'authLoginPassword';
			return reply('334 UGFzc3dvcmQ6');
		}
		session.mode = 'authLoginUser';
		return reply('334 VXNlcm5hbWU6');
	}
	reply('504 5.5.4 Unrecognized authentication type');
}

function handleCommand(session: Session, line: string, reply: (line: string) => void, socket: Socket): void {
	const [verb, ...rest] = line.split(' ');
	const arg = rest.join(' ');
	switch (verb.toUpperCase()) {
		case 'EHLO':
			return reply('250-fake-smtp.local\r\n250-AUTH PLAIN LOGIN\r\n250-8BITMIME\r\n250 SIZE 26214400');
		case 'HELO':
			return reply('250 fake-smtp.local');
		case 'AUTH':
			return handleAuth(session, arg, reply);
		case 'MAIL':
			Object.assign(session, freshEnvelope(session.user), { from: address(arg.replace(/^from:/i, '')) });
			return reply('250 2.1.0 OK');
		case 'RCPT':
			session.to.push(address(arg.replace(/^to:/i, '')));
			return reply('250 2.1.5 OK');
		case 'DATA':
			if (session.to.length === 0) return reply('503 5.5.1 RCPT first');
			session.mode = 'data';
			return reply('354 End data with <CR><LF>.<CR><LF>');
		case 'RSET':
			Object.assign(session, freshEnvelope(session.user));
			return reply('250 OK');
		case 'NOOP':
			return reply('250 OK');
		case 'QUIT':
			reply('221 2.0.0 Bye');
			socket.end();
			return;
		default:
			return reply('502 5.5.2 Command not implemented');
	}
}

function onLine(session: Session, line: string, socket: Socket, store: CapturedMessage[]): void {
	const reply = (text: string): void => void socket.write(`${text}\r\n`);
	if (session.mode === 'data') {
		if (line !== '.') return void session.dataLines.push(line.startsWith('.') ? line.slice(1) : line);
		const data = session.dataLines.join('\r\n');
		store.push({ from: session.from, to: [...session.to], subject: subjectOf(data), data, authenticatedAs: session.user, receivedAt: new Date().toISOString() });
		Object.assign(session, freshEnvelope(session.user));
		return reply('250 2.0.0 OK queued');
	}
	if (session.mode === 'authLoginUser') {
		session.user = decodeBase64(line);
		session.mode = 'authLoginPassword';
		return reply('334 UGFzc3dvcmQ6');
	}
	if (session.mode === 'authLoginPassword') {
		// PLAIN without an initial response sends its payload here; LOGIN sends the password.
		if (session.user === '') session.user = plainUser(line);
		session.mode = 'command';
		return reply('235 2.7.0 Authentication successful');
	}
	return handleCommand(session, line, reply, socket);
}

function serveSmtp(store: CapturedMessage[]): TcpServer {
	return createTcpServer((socket) => {
		const session = freshEnvelope(null);
		let buffer = '';
		socket.on('data', (chunk: Buffer) => {
			buffer += chunk.toString('utf8');
			let index: number;
			while ((index = buffer.indexOf('\r\n')) >= 0) {
				const line = buffer.slice(0, index);
				buffer = buffer.slice(index + 2);
				onLine(session, line, socket, store);
			}
		});
		socket.on('error', () => socket.destroy());
		socket.write('220 fake-smtp.local ESMTP ready\r\n');
	});
}

const listen = (server: TcpServer | HttpServer, port: number) =>
	new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const closeServer = (server: TcpServer | HttpServer) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startSmtpCapture(options: { port?: number; httpPort?: number } = {}): Promise<SmtpCapture> {
	const store: CapturedMessage[] = [];
	const smtp = serveSmtp(store);
	const http = createHttpServer((req, res) => {
		const ok = req.method === 'GET' && req.url?.split('?')[0] === '/messages';
		res.writeHead(ok ? 200 : 404, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(ok ? { messages: store } : { error: 'GET /messages' }));
	});
	const port = await listen(smtp, options.port ?? 0);
	const httpPort = await listen(http, options.httpPort ?? 0);
	return {
		host: '127.0.0.1',
		port,
		httpUrl: `http://127.0.0.1:${httpPort}`,
		messages: () => [...store],
		close: async () => {
			await Promise.all([closeServer(smtp), closeServer(http)]);
		},
	};
}

// `tsx test/e2e/fakes/smtp.ts [--port 2525]` runs it alone and prints where it listens.
if (require.main === module) {
	const portArg = process.argv.indexOf('--port');
	startSmtpCapture({ port: portArg > 0 ? Number(process.argv[portArg + 1]) : 0 })
		.then((s) => process.stdout.write(`FAKE_SMTP ${JSON.stringify({ host: s.host, port: s.port, httpUrl: s.httpUrl })}\n`))
		.catch((error: unknown) => {
			process.stderr.write(`fake smtp: ${String(error)}\n`);
			process.exit(2);
		});
}
