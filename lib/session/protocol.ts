import type { HttpRequest, HttpResponse } from './transport';
import type { BrowserPage } from './browser';

/**
 * The contract between the generic session machinery (this folder) and the one folder that knows
 * TherapyNotes' URLs and field names (lib/portal). Nothing here names a portal path.
 */
export type LoginMethod = 'automatic' | 'http' | 'browser';

export interface LoginCredentials {
	baseUrl: string;
	practiceCode: string;
	username: string;
	password: string;
	totpSecret?: string;
	loginMethod: LoginMethod;
}

/** What a login step may do: send with the session's cookies, set a cookie, ask for a TOTP code. */
export interface LoginIo {
	readonly baseUrl: string;
	readonly credentials: LoginCredentials;
	send(request: Omit<HttpRequest, 'url' | 'headers'> & { path: string; headers?: Record<string, string> }): Promise<HttpResponse>;
	setCookie(name: string, value: string): void;
	nextTotpCode(): Promise<string>;
}

export interface PortalProtocol {
	httpLogin(io: LoginIo): Promise<void>;
	/** Fills the real login form in a browser page; the caller moves the cookies afterwards. */
	browserLogin(io: LoginIo, page: BrowserPage): Promise<void>;
	/** Opens a page after login and returns the per-page token data calls must carry. */
	readRequestToken(io: LoginIo): Promise<string>;
	/** A logged-out answer in any of its forms (redirect to login, login HTML with 200, 401). */
	isExpired(response: HttpResponse): boolean;
	/** Adds the token and a fresh correlation id to a data call's form fields. */
	decorate(form: Record<string, string>, requestToken: string): Record<string, string>;
	readonly requestHeaders: Record<string, string>;
	/** Cookies that outlive a session (the remembered device), kept across logins. */
	readonly persistentCookies: readonly string[];
}

/** One portal request as the client layer describes it; `parse` turns the answer into domain data. */
export interface PortalCall<T> {
	operation: string;
	method: 'GET' | 'POST';
	path: string;
	form?: Record<string, string>;
	/** Safe to send twice. Creates and payments are not: a lost answer is reported, not retried. */
	idempotent: boolean;
	kind?: 'call' | 'write';
	ids?: (string | number)[];
	parse(response: HttpResponse): T;
}
