import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LoginError, PortalChangedError, PortalHttpError, SessionExpiredError } from '../session/errors';
import type { BrowserPage } from '../session/browser';
import type { LoginIo, PortalProtocol } from '../session/protocol';
import { headerValue, type HttpResponse } from '../session/transport';
import { LOGIN_PATHS } from './paths';

/** TherapyNotes' login protocol as PORTAL.md describes it (field names confirmed, answers assumed). */
const loginAnswer = z
	.object({
		Success: z.boolean(),
		ErrorCode: z.string().optional(),
		ErrorMessage: z.string().optional(),
		TwoFactorRequired: z.boolean().optional(),
	})
	.passthrough();

type LoginAnswer = z.infer<typeof loginAnswer>;

/**
 * A 429 or 5xx during login is the portal being busy or failing, not a changed portal: reported
 * as such (found by the chaos run, test/chaos), so no one is told to update the package for it.
 */
function refuseBusyAnswer(step: string, response: HttpResponse): void {
	if (response.status === 429 || response.status >= 500) throw new PortalHttpError(step, response.status);
}

function readAnswer(step: string, response: HttpResponse): LoginAnswer {
	refuseBusyAnswer(step, response);
	let value: unknown;
	try {
		value = JSON.parse(response.body);
	} catch {
		throw new PortalChangedError(step, '(answer)', `not JSON (HTTP ${response.status})`);
	}
	const parsed = loginAnswer.safeParse(value);
	if (!parsed.success) throw new PortalChangedError(step, String(parsed.error.issues[0].path.join('.')), parsed.error.issues[0].message);
	return parsed.data;
}

/** Maps the portal's words to a reason; the messages are the confirmed ones where known. */
export function loginFailure(answer: LoginAnswer, step: 'practice' | 'password' | 'code'): LoginError {
	const message = answer.ErrorMessage ?? '';
	if (/did not match any account/i.test(message) || answer.ErrorCode === 'UnknownPractice') return new LoginError('practice-code');
	if (/account has been locked/i.test(message) || answer.ErrorCode === 'AccountLocked') return new LoginError('locked');
	if (/browser/i.test(message) || answer.ErrorCode === 'BrowserRequired') return new LoginError('browser-required');
	if (/cookies/i.test(message)) return new LoginError('cookies');
	if (step === 'code') return new LoginError('totp-invalid');
	if (/username or password/i.test(message) || answer.ErrorCode === 'InvalidCredentials') return new LoginError('credentials');
	return new LoginError('unexpected', message.slice(0, 200));
}

const sha512Upper = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex').toUpperCase();

async function post(io: LoginIo, msg: number, form: Record<string, string>): Promise<LoginAnswer> {
	const response = await io.send({ method: 'POST', path: `${LOGIN_PATHS.processLogin}?msg=${msg}`, form: { ...form, correlationid: randomUUID() } });
	return readAnswer(`session/login-step-${msg}`, response);
}

async function httpLogin(io: LoginIo): Promise<void> {
	const { practiceCode, username, password } = io.credentials;
	io.setCookie('timezone-offset', String(new Date().getTimezoneOffset()));
	io.setCookie('cookie-detection', '1');
	const practice = await post(io, LOGIN_PATHS.practiceStepMsg, { practicecode: practiceCode, docookiecheck: 'true' });
	if (!practice.Success) throw loginFailure(practice, 'practice');
	const answer = await post(io, LOGIN_PATHS.passwordStepMsg, {
		msg: String(LOGIN_PATHS.passwordStepMsg),
		username,
		password: sha512Upper(password),
		agreetos: 'false',
		docookiecheck: 'true',
		'e-username': Buffer.from(practiceCode, 'utf8').toString('base64'),
		twofactorreentryskipfornow: 'false',
	});
	if (answer.Success) return;
	if (!answer.TwoFactorRequired) throw loginFailure(answer, 'password');
	const code = await io.nextTotpCode();
	const second = await post(io, LOGIN_PATHS.twoFactorStepMsg, { code, rememberdevice: 'true' });
	if (!second.Success) throw loginFailure(second, 'code');
}

const SELECTORS = {
	username: '#username',
	password: '#password',
	submit: '#login-button',
	twoFactorForm: '#twofactor-form',
	code: '#twofactorcode',
	remember: '#rememberdevice',
	verify: '#verify-button',
	error: '#login-error',
};
const DASHBOARD_URL = /\/app\/dashboard\/?/;

/**
 * Waits until the page reaches the dashboard, asks for a code, or shows an error. After the code
 * was sent the code form stays visible until the answer arrives, so it no longer counts then.
 */
async function waitForOutcome(page: BrowserPage, timeoutMs: number, codeSent = false): Promise<'dashboard' | 'code' | string> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (DASHBOARD_URL.test(page.url())) return 'dashboard';
		if (!codeSent && (await page.isVisible(SELECTORS.twoFactorForm))) return 'code';
		// The error box is gone once the page navigates, so its read must not wait for it.
		const error = (await page.textContent(SELECTORS.error, { timeout: 100 }).catch(() => null))?.trim();
		if (error) return error;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new LoginError('unexpected', 'the login page did not finish within 30 seconds');
}

async function browserLogin(io: LoginIo, page: BrowserPage): Promise<void> {
	await page.goto(`${io.baseUrl}${LOGIN_PATHS.loginPage(io.credentials.practiceCode)}`, { timeout: 30_000 });
	await page.fill(SELECTORS.username, io.credentials.username);
	await page.fill(SELECTORS.password, io.credentials.password);
	await page.click(SELECTORS.submit);
	let outcome = await waitForOutcome(page, 30_000);
	if (outcome === 'code') {
		await page.fill(SELECTORS.code, await io.nextTotpCode());
		await page.check(SELECTORS.remember);
		await page.click(SELECTORS.verify);
		outcome = await waitForOutcome(page, 30_000, true);
		if (outcome !== 'dashboard') throw loginFailure({ Success: false, ErrorMessage: outcome }, 'code');
	}
	if (outcome !== 'dashboard') throw loginFailure({ Success: false, ErrorMessage: outcome }, 'password');
}

const TOKEN_PATTERN = /<meta name="tnrac" content="([^"]+)"/;

async function readRequestToken(io: LoginIo): Promise<string> {
	const response = await io.send({ method: 'GET', path: LOGIN_PATHS.dashboard });
	// The new session ended before its first page: say so (a bare 'unexpected login' was all a user saw).
	if (isExpired(response)) throw new SessionExpiredError('session/dashboard');
	refuseBusyAnswer('session/dashboard', response);
	const token = TOKEN_PATTERN.exec(response.body)?.[1];
	if (!token) throw new PortalChangedError('session/dashboard', 'tnrac', 'the dashboard no longer hands out its request token');
	return token;
}

/** Logged out looks like: 401, a redirect to the login page, or the login page itself with 200. */
function isExpired(response: HttpResponse): boolean {
	if (response.status === 401) return true;
	if (response.status === 302 || response.status === 301) return (headerValue(response, 'location') ?? '').includes(LOGIN_PATHS.loginPathPrefix);
	if (response.status !== 200) return false;
	const type = headerValue(response, 'content-type') ?? '';
	return type.includes('text/html') && response.body.includes(LOGIN_PATHS.processLogin);
}

export const therapyNotesProtocol: PortalProtocol = {
	httpLogin,
	browserLogin,
	readRequestToken,
	isExpired,
	decorate: (form, requestToken) => ({ ...form, tnrac: requestToken, correlationid: randomUUID() }),
	requestHeaders: { 'X-Requested-With': 'XMLHttpRequest', 'User-Agent': 'n8n-nodes-therapynotes' },
	persistentCookies: ['tn-rd'],
};
