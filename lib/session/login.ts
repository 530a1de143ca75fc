import { createHash } from 'node:crypto';
import { SessionCookies } from './cookies';
import { LoginError } from './errors';
import type { LoginCredentials, LoginIo, PortalProtocol } from './protocol';
import { emptyState, type SessionState } from './state';
import { nextTotpCode, realClock, type TotpClock } from './totp';
import type { Transport } from './transport';
import { withChromium, type BrowserPage } from './browser';

export interface LoginDependencies {
	protocol: PortalProtocol;
	transport: Transport;
	totpClock?: TotpClock;
	/** Replaceable for tests; defaults to headless Chromium through playwright-core. */
	runBrowser?: (drive: (page: BrowserPage) => Promise<void>) => Promise<{ name: string; value: string; expires: number }[]>;
	now?: () => Date;
}

/** Which credential values a session belongs to (hashed: the state never holds the password). */
export function credentialFingerprint(credentials: LoginCredentials): string {
	return createHash('sha256')
		.update([credentials.baseUrl, credentials.practiceCode, credentials.username, credentials.password, credentials.totpSecret ?? ''].join('\u0000'))
		.digest('hex')
		.slice(0, 32);
}

function baseOrigin(credentials: LoginCredentials): string {
	return credentials.baseUrl.replace(/\/+$/, '');
}

function makeIo(credentials: LoginCredentials, cookies: SessionCookies, deps: LoginDependencies, totpStep: { last: number | null }): LoginIo {
	const origin = baseOrigin(credentials);
	return {
		baseUrl: origin,
		credentials,
		async send(request) {
			const url = `${origin}${request.path}`;
			const headers: Record<string, string> = { ...deps.protocol.requestHeaders, ...request.headers };
			const cookieHeader = cookies.headerFor(url);
			if (cookieHeader) headers.Cookie = cookieHeader;
			const response = await deps.transport({ method: request.method, url, headers, form: request.form, timeoutMs: request.timeoutMs });
			cookies.keepFrom(url, response);
			return response;
		},
		setCookie(name, value) {
			cookies.set(`${origin}/`, name, value);
		},
		async nextTotpCode() {
			if (!credentials.totpSecret) throw new LoginError('totp-required');
			const { code, step } = await nextTotpCode(credentials.totpSecret, totpStep.last, deps.totpClock ?? realClock);
			totpStep.last = step;
			return code;
		},
	};
}

async function loginInBrowser(io: LoginIo, cookies: SessionCookies, deps: LoginDependencies): Promise<void> {
	const run = deps.runBrowser ?? withChromium;
	let browserCookies;
	try {
		browserCookies = await run((page) => deps.protocol.browserLogin(io, page));
	} catch (error) {
		// A browser failure is a failed login, not a network blip: it must not be retried blindly.
		if (error instanceof LoginError) throw error;
		throw new LoginError('unexpected', `browser login failed: ${error instanceof Error ? error.name : 'error'}`);
	}
	const nowSeconds = Math.floor(Date.now() / 1000);
	for (const cookie of browserCookies) {
		const maxAge = cookie.expires > 0 ? Math.max(0, Math.floor(cookie.expires - nowSeconds)) : undefined;
		cookies.set(`${io.baseUrl}/`, cookie.name, cookie.value, maxAge);
	}
}

/**
 * Logs in once and returns the new session state. Keeps the remembered-device cookie and the
 * last TOTP step from the previous state, so MFA is skipped when possible and a code is never
 * sent twice. Any refusal is a LoginError and is never retried here.
 */
export async function performLogin(credentials: LoginCredentials, previous: SessionState | null, deps: LoginDependencies): Promise<SessionState> {
	const fingerprint = credentialFingerprint(credentials);
	const carried = previous && previous.fingerprint === fingerprint ? previous : emptyState(fingerprint);
	const origin = `${baseOrigin(credentials)}/`;
	const cookies = SessionCookies.restore(carried.cookies).keepOnly(origin, [...deps.protocol.persistentCookies]);
	const totpStep = { last: carried.lastTotpStep };
	const io = makeIo(credentials, cookies, deps, totpStep);
	if (credentials.loginMethod === 'browser') {
		await loginInBrowser(io, cookies, deps);
	} else {
		try {
			await deps.protocol.httpLogin(io);
		} catch (error) {
			const fallBack = credentials.loginMethod === 'automatic' && error instanceof LoginError && error.reason === 'browser-required';
			if (!fallBack) throw error;
			await loginInBrowser(io, cookies, deps);
		}
	}
	const requestToken = await deps.protocol.readRequestToken(io);
	return {
		v: 1,
		cookies: cookies.serialize(),
		requestToken,
		lastTotpStep: totpStep.last,
		loggedInAt: (deps.now?.() ?? new Date()).toISOString(),
		fingerprint,
	};
}
