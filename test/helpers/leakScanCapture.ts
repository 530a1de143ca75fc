import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { ServerResponse } from 'node:http';
import path from 'node:path';
import { TherapyNotesError } from '../../lib/session/errors';
import { forbiddenOf, scanLines, type CapturedLine, type Forbidden, type LeakHit } from './leakScan';
import type { RunningSandbox } from '../../sandbox/server';

/**
 * jest `setupFilesAfterEach` module of the suite-wide leak scan. For each test file it records
 * what our code and n8n put out — error messages (every TherapyNotesError, as it is made), node
 * errors with their descriptions, n8n's log lines, our audit lines, stdout, stderr and console —
 * and the secrets and PHI of every sandbox the file started, plus every cookie value a server set.
 * After the file it scans one against the other and appends the result to the run's folder
 * (LEAKSCAN_DIR, made by the global setup); the global teardown adds them up. A hit fails the file.
 */

export const capture: { lines: CapturedLine[]; sandboxes: RunningSandbox[]; cookies: Set<string> } = { lines: [], sandboxes: [], cookies: new Set() };

const record = (source: CapturedLine['source'], text: unknown) => {
	capture.lines.push({ source, text: typeof text === 'string' ? text : safeJson(text) });
};

/**
 * n8n's own debug line "Workflow execution finished with error" carries the failed node as the
 * workflow saved it, parameters included: text the workflow's author typed (in our tests, literal
 * patient data), which n8n keeps in the workflow anyway. Not something our code writes, so left out.
 */
function withoutNodeParameters(this: unknown, key: string, value: unknown): unknown {
	const holder = this as Record<string, unknown> | null;
	if (key === 'parameters' && holder && typeof holder.type === 'string' && 'typeVersion' in holder) return '[node parameters]';
	return value;
}

function safeJson(value: unknown): string {
	try {
		return JSON.stringify(value, withoutNodeParameters) ?? String(value);
	} catch {
		return String(value);
	}
}

/** Our errors set `this.name` in their constructor, after the message is final: a setter there sees every one. */
function recordTherapyNotesErrors(): void {
	Object.defineProperty(TherapyNotesError.prototype, 'name', {
		configurable: true,
		get() {
			return 'TherapyNotesError';
		},
		set(this: Error, value: string) {
			record('error', `${value}: ${this.message}`);
			Object.defineProperty(this, 'name', { value, writable: true, configurable: true, enumerable: true });
		},
	});
}

/** Every Set-Cookie value any server (the sandbox, a fake) sent: session ids, tokens, remembered devices. */
function recordCookies(): () => void {
	const { setHeader, writeHead } = ServerResponse.prototype;
	const take = (name: unknown, value: unknown) => {
		if (String(name).toLowerCase() !== 'set-cookie') return;
		for (const cookie of [value].flat()) {
			const match = /^[^=]+=([^;]*)/.exec(String(cookie));
			if (match && match[1].length >= 8) capture.cookies.add(decodeURIComponent(match[1]));
		}
	};
	ServerResponse.prototype.setHeader = function (this: ServerResponse, name: string, value: number | string | readonly string[]) {
		take(name, value);
		return setHeader.call(this, name, value);
	};
	ServerResponse.prototype.writeHead = function (this: ServerResponse, ...args: unknown[]) {
		const headers = args.find((arg, i) => i > 0 && arg && typeof arg === 'object');
		if (headers && !Array.isArray(headers)) for (const [name, value] of Object.entries(headers)) take(name, value);
		return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
	} as typeof writeHead;
	return () => {
		ServerResponse.prototype.setHeader = setHeader;
		ServerResponse.prototype.writeHead = writeHead;
	};
}

function recordStreams(): () => void {
	const restore: (() => void)[] = [];
	for (const source of ['stdout', 'stderr'] as const) {
		const stream = process[source];
		const write = stream.write;
		stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
			record(source, typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
			return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
		} as typeof write;
		restore.push(() => (stream.write = write));
	}
	/* eslint-disable no-console -- recording what reaches the console is the point here */
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		const original = console[method];
		console[method] = (...args: unknown[]) => {
			record('console', args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
			original.apply(console, args);
		};
		restore.push(() => (console[method] = original));
	}
	/* eslint-enable no-console */
	return () => restore.forEach((undo) => undo());
}

/** What a test file reaches decides which of its modules are already loaded (and cheap to hook). */
function testSource(): string {
	const testPath = expect.getState().testPath;
	try {
		return testPath ? readFileSync(testPath, 'utf8') : '';
	} catch {
		return '';
	}
}

/* eslint-disable @typescript-eslint/no-require-imports -- hooked at run time, and only when the test file loaded them anyway */
function hookLoadedModules(source: string): void {
	if (/helpers\/(sandbox|n8n)|sandbox\/server/.test(source)) {
		const server = require('../../sandbox/server') as { startSandbox: (...args: unknown[]) => Promise<RunningSandbox> };
		const start = server.startSandbox;
		server.startSandbox = async (...args: unknown[]) => {
			const sandbox = await start(...args);
			capture.sandboxes.push(sandbox);
			return sandbox;
		};
	}
	if (/helpers\/(n8n|session)|lib\//.test(source)) {
		// Audit lines pass a RequestPipeline's sink (calls) or a PortalSession's (logins): both are wrapped, once.
		const audit = require('../../lib/session/audit') as typeof import('../../lib/session/audit');
		const recording = new WeakSet<object>();
		const wrapSink = (sink: (line: never) => void = audit.silentAudit) => {
			if (recording.has(sink)) return sink;
			const wrapped = (line: import('../../lib/session/audit').AuditLine) => (record('audit', audit.formatAuditLine(line)), sink(line as never));
			recording.add(wrapped);
			return wrapped;
		};
		const pipelineModule = require('../../lib/session/pipeline') as { RequestPipeline: new (driver: unknown, options: { audit: (line: never) => void }) => object };
		const sessionModule = require('../../lib/session/session') as { PortalSession: new (options: { audit?: (line: never) => void }) => object };
		const OriginalPipeline = pipelineModule.RequestPipeline;
		pipelineModule.RequestPipeline = class RecordingPipeline extends OriginalPipeline {
			constructor(driver: unknown, options: { audit: (line: never) => void }) {
				super(driver, { ...options, audit: wrapSink(options.audit) });
			}
		};
		const OriginalSession = sessionModule.PortalSession;
		sessionModule.PortalSession = class RecordingPortalSession extends OriginalSession {
			constructor(options: { audit?: (line: never) => void }) {
				super({ ...options, audit: wrapSink(options.audit) });
			}
		};
	}
	if (/helpers\/n8n/.test(source)) {
		const errors = require('../../nodes/TherapyNotes/actions/errors') as { toNodeError: (...args: unknown[]) => Error & { description?: string } };
		const toNodeError = errors.toNodeError;
		errors.toNodeError = (...args: unknown[]) => {
			const error = toNodeError(...args);
			record('node-error', `${error.name}: ${error.message} | ${error.description ?? ''}`);
			return error;
		};
		const { Container } = require('./n8n/container') as typeof import('./n8n/container');
		const set = Container.set.bind(Container) as (key: unknown, value: unknown) => unknown;
		(Container as unknown as { set: (key: unknown, value: unknown) => unknown }).set = (key, value) => {
			const logger = value as Record<string, unknown> | undefined;
			if (logger && typeof logger.debug === 'function' && typeof logger.error === 'function') {
				for (const level of ['error', 'warn', 'info', 'debug']) {
					const method = logger[level] as (message: string, metadata?: unknown) => void;
					logger[level] = (message: string, metadata?: unknown) => (record('n8n-log', `${level} ${message} ${safeJson(metadata ?? {})}`), method(message, metadata));
				}
			}
			return set(key, value);
		};
	}
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** The secrets and PHI of this file's sandboxes and every cookie value seen. */
export function forbiddenOfFile(): Forbidden[] {
	return [...capture.sandboxes.flatMap(forbiddenOf), ...[...capture.cookies].map((value) => ({ kind: 'cookie' as const, value }))];
}

let undo: (() => void)[] = [];

beforeAll(() => {
	recordTherapyNotesErrors();
	undo = [recordCookies(), recordStreams()];
	hookLoadedModules(testSource());
});

afterAll(() => {
	undo.forEach((restore) => restore());
	const hits: LeakHit[] = scanLines(capture.lines, forbiddenOfFile());
	const file = path.relative(process.cwd(), expect.getState().testPath ?? 'unknown');
	const dir = process.env.LEAKSCAN_DIR;
	if (dir) {
		mkdirSync(dir, { recursive: true });
		appendFileSync(path.join(dir, `worker-${process.pid}.jsonl`), `${JSON.stringify({ file, lines: capture.lines.length, forbidden: forbiddenOfFile().length, hits })}\n`);
	}
	if (hits.length) throw new Error(`Leak scan: ${hits.length} forbidden value(s) in what ${file} produced: ${hits.slice(0, 5).map((h) => `${h.kind} in ${h.source}: ${h.excerpt}`).join(' | ')}`);
});
