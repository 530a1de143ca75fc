import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/**
 * A minimal Redis client (RESP2 over one socket) for the few commands the cross-process login
 * lock needs. The package ships no runtime dependencies, and n8n's own Redis client is not
 * reachable from a community node, so this speaks the protocol itself. Replies arrive in order,
 * so pending commands are a FIFO queue.
 */

export interface RedisAddress {
	host: string;
	port: number;
	username?: string;
	password?: string;
	db?: number;
	tls?: boolean;
}

export type RedisReply = string | number | null | RedisReply[];

/** Redis answered with an error reply (`-ERR …`), or the connection failed. */
export class RedisError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RedisError';
	}
}

type Parsed = { value: RedisReply | RedisError; end: number } | undefined;

/** Parses one reply starting at `start`; undefined when the buffer does not hold all of it yet. */
export function parseReply(buffer: Buffer, start = 0): Parsed {
	const lineEnd = buffer.indexOf('\r\n', start);
	if (lineEnd < 0) return undefined;
	const type = String.fromCharCode(buffer[start]);
	const line = buffer.toString('utf8', start + 1, lineEnd);
	const next = lineEnd + 2;
	if (type === '+') return { value: line, end: next };
	if (type === '-') return { value: new RedisError(line), end: next };
	if (type === ':') return { value: Number(line), end: next };
	if (type === '$') {
		const length = Number(line);
		if (length < 0) return { value: null, end: next };
		if (buffer.length < next + length + 2) return undefined;
		return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
	}
	if (type === '*') return parseArray(buffer, Number(line), next);
	throw new RedisError(`unexpected reply type ${JSON.stringify(type)}`);
}

function parseArray(buffer: Buffer, count: number, start: number): Parsed {
	if (count < 0) return { value: null, end: start };
	const items: RedisReply[] = [];
	let offset = start;
	for (let i = 0; i < count; i++) {
		const item = parseReply(buffer, offset);
		if (!item) return undefined;
		if (item.value instanceof RedisError) return item;
		items.push(item.value);
		offset = item.end;
	}
	return { value: items, end: offset };
}

export function encodeCommand(args: Array<string | number>): Buffer {
	const parts = args.map((arg) => {
		const text = String(arg);
		return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
	});
	return Buffer.from(`*${args.length}\r\n${parts.join('')}`);
}

interface Waiter {
	done: (reply: RedisReply) => void;
	fail: (error: Error) => void;
}

export class RedisConnection {
	private buffer: Buffer = Buffer.alloc(0);
	private readonly waiters: Waiter[] = [];
	private broken: Error | null = null;

	private constructor(
		private readonly socket: Socket,
		private readonly timeoutMs: number,
	) {
		socket.on('data', (chunk: Buffer) => this.receive(chunk));
		socket.on('error', (error) => this.breakWith(new RedisError(`connection failed: ${error.message}`)));
		socket.on('close', () => this.breakWith(new RedisError('connection closed')));
	}

	/** Connects, authenticates and selects the database; fails within `timeoutMs`. */
	static async open(address: RedisAddress, timeoutMs = 5000): Promise<RedisConnection> {
		const socket = await new Promise<Socket>((done, fail) => {
			const options = { host: address.host, port: address.port };
			const socket = address.tls ? connectTls({ ...options, servername: address.host }) : connectTcp(options);
			const timer = setTimeout(() => {
				socket.destroy();
				fail(new RedisError(`no connection to ${address.host}:${address.port} within ${timeoutMs} ms`));
			}, timeoutMs);
			socket.once(address.tls ? 'secureConnect' : 'connect', () => {
				clearTimeout(timer);
				done(socket);
			});
			socket.once('error', (error) => {
				clearTimeout(timer);
				fail(new RedisError(`connection failed: ${error.message}`));
			});
		});
		const connection = new RedisConnection(socket, timeoutMs);
		try {
			if (address.password) await connection.command(address.username ? ['AUTH', address.username, address.password] : ['AUTH', address.password]);
			if (address.db) await connection.command(['SELECT', address.db]);
		} catch (error) {
			connection.close();
			throw error;
		}
		return connection;
	}

	command(args: Array<string | number>): Promise<RedisReply> {
		if (this.broken) return Promise.reject(this.broken);
		return new Promise((done, fail) => {
			const timer = setTimeout(() => this.breakWith(new RedisError(`no answer to ${String(args[0])} within ${this.timeoutMs} ms`)), this.timeoutMs);
			this.waiters.push({
				done: (reply) => {
					clearTimeout(timer);
					done(reply);
				},
				fail: (error) => {
					clearTimeout(timer);
					fail(error);
				},
			});
			this.socket.write(encodeCommand(args));
		});
	}

	close(): void {
		this.breakWith(new RedisError('connection closed'));
	}

	private receive(chunk: Buffer): void {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		for (;;) {
			let parsed: Parsed;
			try {
				parsed = parseReply(this.buffer);
			} catch (error) {
				this.breakWith(error as Error);
				return;
			}
			if (!parsed) return;
			this.buffer = this.buffer.subarray(parsed.end);
			const waiter = this.waiters.shift();
			if (parsed.value instanceof RedisError) waiter?.fail(parsed.value);
			else waiter?.done(parsed.value);
		}
	}

	private breakWith(error: Error): void {
		if (!this.broken) this.broken = error;
		this.socket.destroy();
		for (const waiter of this.waiters.splice(0)) waiter.fail(error);
	}
}
