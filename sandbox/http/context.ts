import type { IncomingMessage, ServerResponse } from 'node:http';
import { PortalError } from './portalError';

export interface CookieOptions {
	maxAgeSeconds?: number;
	httpOnly?: boolean;
	path?: string;
}

/** One request: parsed URL, cookies and form fields, plus typed readers that refuse bad input. */
export class RequestContext {
	readonly url: URL;
	readonly cookies: Record<string, string>;
	readonly form: Record<string, string>;
	private readonly outgoingCookies: string[] = [];
	/** Fault injection: the handler runs (and commits) but the connection is cut instead of answered. */
	drop = false;
	/** Fault injection: the answer is rewritten the way a portal release would change it. */
	drift: { json(v: unknown): unknown; html(h: string): string; text(t: string): string } | null = null;

	constructor(
		readonly req: IncomingMessage,
		readonly res: ServerResponse,
		readonly body: Buffer,
	) {
		this.url = new URL(req.url ?? '/', 'http://sandbox.local');
		this.cookies = parseCookies(req.headers.cookie ?? '');
		this.form = parseForm(req.headers['content-type'] ?? '', body);
	}

	get path(): string {
		return this.url.pathname;
	}

	get method(): string {
		return (this.req.method ?? 'GET').toUpperCase();
	}

	str(name: string, options: { required?: boolean; max?: number } = {}): string {
		const value = this.form[name];
		if (value === undefined || value === '') {
			if (options.required) throw new PortalError(`Missing required field '${name}'.`);
			return '';
		}
		if (options.max !== undefined && value.length > options.max) {
			throw new PortalError(`Field '${name}' is longer than ${options.max} characters.`);
		}
		return value;
	}

	int(name: string, options: { required?: boolean; fallback?: number } = {}): number {
		const text = this.str(name, { required: options.required && options.fallback === undefined });
		if (text === '') return options.fallback ?? 0;
		if (!/^-?\d{1,12}$/.test(text.trim())) throw new PortalError(`Field '${name}' must be a whole number.`);
		return Number(text);
	}

	bool(name: string, fallback = false): boolean {
		const text = this.str(name).toLowerCase();
		if (text === '') return fallback;
		if (text === 'true' || text === '1') return true;
		if (text === 'false' || text === '0') return false;
		throw new PortalError(`Field '${name}' must be true or false.`);
	}

	/** The portal passes structured arguments as JSON strings inside form fields. */
	json(name: string): unknown {
		const text = this.str(name, { required: true });
		try {
			return JSON.parse(text);
		} catch {
			throw new PortalError(`Field '${name}' is not valid JSON.`);
		}
	}

	setCookie(name: string, value: string, options: CookieOptions = {}): void {
		const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'SameSite=Lax'];
		if (options.maxAgeSeconds !== undefined) parts.push(`Max-Age=${options.maxAgeSeconds}`);
		if (options.httpOnly) parts.push('HttpOnly');
		this.outgoingCookies.push(parts.join('; '));
	}

	clearCookie(name: string): void {
		this.setCookie(name, '', { maxAgeSeconds: 0 });
	}

	private writeHead(status: number, headers: Record<string, string>): boolean {
		if (this.drop) {
			this.res.socket?.destroy();
			return false;
		}
		if (this.outgoingCookies.length) this.res.setHeader('Set-Cookie', this.outgoingCookies);
		this.res.writeHead(status, headers);
		return true;
	}

	get answered(): boolean {
		return this.res.headersSent || this.res.destroyed;
	}

	sendJson(value: unknown, status = 200): void {
		const body = this.drift ? this.drift.json(value) : value;
		if (this.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' })) this.res.end(JSON.stringify(body));
	}

	sendHtml(html: string, status = 200): void {
		const body = this.drift ? this.drift.html(html) : html;
		if (this.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' })) this.res.end(body);
	}

	sendText(text: string, contentType: string, status = 200, headers: Record<string, string> = {}): void {
		if (this.drift) return this.sendJson(JSON.parse(this.drift.text(text)), status);
		if (this.writeHead(status, { 'Content-Type': contentType, ...headers })) this.res.end(text);
	}

	redirect(location: string): void {
		const html = `<html><body>Object moved to <a href="${location}">here</a>.</body></html>`;
		if (this.writeHead(302, { Location: location, 'Content-Type': 'text/html; charset=utf-8' })) this.res.end(html);
	}
}

export function parseCookies(header: string): Record<string, string> {
	const cookies: Record<string, string> = {};
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq <= 0) continue;
		cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
	}
	return cookies;
}

function parseForm(contentType: string, body: Buffer): Record<string, string> {
	if (body.length === 0 || !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) return {};
	const form: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(body.toString('utf8'))) form[key] = value;
	return form;
}
