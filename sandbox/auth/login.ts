import { createHash } from 'node:crypto';
import type { RequestContext } from '../http/context';
import type { PublicRoute } from '../http/routes';
import type { SandboxState } from '../state';
import type { User } from '../data/types';
import { signJwt } from './jwt';
import { matchingStep } from './totp';
import { REMEMBER_DEVICE_SECONDS } from './sessions';
import { renderLoginPage } from './loginPage';

export const LOGIN_MESSAGES = {
	practice: 'The practice code you entered did not match any account.',
	cookies: 'Your browser must have cookies enabled to log in.',
	credentials: 'The username or password you entered is incorrect.',
	locked: 'This account has been locked because of too many failed login attempts. Please try again in 15 minutes or contact your practice administrator.',
	code: 'The verification code you entered is incorrect.',
	codeReused: 'This verification code has already been used. Please wait for the next code.',
	twoFactorTimeout: 'Your login has timed out. Please log in again.',
	browser: 'Sign-in from this browser could not be verified. Please sign in using a supported web browser with JavaScript enabled.',
};

const SESSION_HOURS = 12;

function refuse(ctx: RequestContext, message: string, code: string, extra: Record<string, unknown> = {}): void {
	ctx.sendJson({ Success: false, ErrorCode: code, ErrorMessage: message, ...extra });
}

function cookiesEnabled(ctx: RequestContext): boolean {
	return ctx.form.docookiecheck !== 'true' || ctx.cookies['cookie-detection'] === '1';
}

/** Issues the two session cookies; a new session ends the user's previous one. */
function completeLogin(ctx: RequestContext, state: SandboxState, user: User): void {
	const { session, endedPrevious } = state.sessions.create(user.id);
	if (endedPrevious) state.stats.sessionsEndedByOtherLogin++;
	state.sessions.clearFailures(user.id);
	state.stats.logins++;
	const nowSeconds = Math.floor(state.clock.nowMs() / 1000);
	const token = signJwt(
		{
			UserClaim: [`UserId;${user.id}`, `PracticeId;${user.practiceId}`, `SessionId;${session.sid}`],
			iat: nowSeconds,
			exp: nowSeconds + SESSION_HOURS * 3600,
		},
		state.jwtSecret,
	);
	ctx.setCookie('access-token', token, { maxAgeSeconds: SESSION_HOURS * 3600 });
	ctx.setCookie('ASP.NET_SessionId', session.sid, { httpOnly: true });
	state.store.record('login', 'session', user.id, state.nowIso());
	ctx.sendJson({ Success: true, RedirectUrl: '/app/dashboard/' });
}

function failAttempt(ctx: RequestContext, state: SandboxState, user: User, message: string, code: string): void {
	state.stats.failedLogins++;
	if (state.sessions.recordFailure(user.id)) state.stats.lockouts++;
	refuse(ctx, message, code);
}

function practiceStep(ctx: RequestContext, state: SandboxState): void {
	state.stats.practiceCodeChecks++;
	if (!cookiesEnabled(ctx)) return refuse(ctx, LOGIN_MESSAGES.cookies, 'CookiesDisabled');
	const code = ctx.str('practicecode').trim();
	if (code.toLowerCase() !== state.store.practice.code.toLowerCase()) return refuse(ctx, LOGIN_MESSAGES.practice, 'UnknownPractice');
	ctx.sendJson({ Success: true, PracticeName: state.store.practice.name });
}

function browserProofValid(ctx: RequestContext, state: SandboxState, username: string): boolean {
	const nonce = ctx.cookies['tn-ln'];
	if (!state.sessions.hasLoginNonce(nonce)) return false;
	const expected = createHash('sha256').update(`${nonce}|${username.toLowerCase()}`).digest('hex');
	return ctx.form.browserproof === expected;
}

function passwordStep(ctx: RequestContext, state: SandboxState): void {
	state.stats.loginAttempts++;
	if (!cookiesEnabled(ctx)) return refuse(ctx, LOGIN_MESSAGES.cookies, 'CookiesDisabled');
	const practiceCode = Buffer.from(ctx.str('e-username'), 'base64').toString('utf8');
	if (practiceCode.toLowerCase() !== state.store.practice.code.toLowerCase()) return refuse(ctx, LOGIN_MESSAGES.practice, 'UnknownPractice');
	const username = ctx.str('username').trim();
	if (state.store.practice.browserOnlyLogin && !browserProofValid(ctx, state, username)) {
		state.stats.browserRequiredRefusals++;
		return refuse(ctx, LOGIN_MESSAGES.browser, 'BrowserRequired');
	}
	const user = state.store.users.find((u) => u.username.toLowerCase() === username.toLowerCase());
	if (!user) {
		state.stats.failedLogins++;
		return refuse(ctx, LOGIN_MESSAGES.credentials, 'InvalidCredentials');
	}
	if (state.sessions.isLocked(user.id)) return refuse(ctx, LOGIN_MESSAGES.locked, 'AccountLocked');
	if (ctx.str('password') !== user.passwordSha512Hex) return failAttempt(ctx, state, user, LOGIN_MESSAGES.credentials, 'InvalidCredentials');
	if (user.totpSecret && !state.sessions.isRememberedDevice(ctx.cookies['tn-rd'], user.id)) {
		state.stats.twoFactorChallenges++;
		ctx.setCookie('tn-2fa', state.sessions.startTwoFactor(user.id), { httpOnly: true, maxAgeSeconds: 300 });
		return refuse(ctx, 'Two-factor authentication is required.', 'TwoFactorRequired', { TwoFactorRequired: true });
	}
	completeLogin(ctx, state, user);
}

function twoFactorStep(ctx: RequestContext, state: SandboxState): void {
	const pendingToken = ctx.cookies['tn-2fa'];
	const userId = state.sessions.pendingTwoFactorUser(pendingToken);
	const user = userId === null ? undefined : state.store.user(userId);
	if (!user || !user.totpSecret || !pendingToken) return refuse(ctx, LOGIN_MESSAGES.twoFactorTimeout, 'TwoFactorExpired');
	if (state.sessions.isLocked(user.id)) return refuse(ctx, LOGIN_MESSAGES.locked, 'AccountLocked');
	const step = matchingStep(user.totpSecret, ctx.str('code').trim());
	if (step === null) {
		state.stats.twoFactorFailures++;
		return failAttempt(ctx, state, user, LOGIN_MESSAGES.code, 'InvalidCode');
	}
	if (!state.sessions.claimTotpStep(user.id, step)) {
		state.stats.twoFactorFailures++;
		return failAttempt(ctx, state, user, LOGIN_MESSAGES.codeReused, 'CodeReused');
	}
	state.sessions.finishTwoFactor(pendingToken);
	ctx.clearCookie('tn-2fa');
	if (ctx.bool('rememberdevice')) {
		ctx.setCookie('tn-rd', state.sessions.rememberDevice(user.id), { httpOnly: true, maxAgeSeconds: REMEMBER_DEVICE_SECONDS });
	}
	completeLogin(ctx, state, user);
}

function loginPage(ctx: RequestContext, state: SandboxState): void {
	const match = /^\/app\/login\/(?:([^/]+)\/)?$/i.exec(ctx.path);
	const nonce = state.sessions.issueLoginNonce();
	ctx.setCookie('tn-ln', nonce, { httpOnly: true });
	const returnUrl = ctx.url.searchParams.get('ReturnUrl') ?? '';
	const safeReturn = returnUrl.startsWith('/app/') ? returnUrl : '';
	ctx.sendHtml(renderLoginPage({ practiceCode: decodeURIComponent(match?.[1] ?? ''), nonce, returnUrl: safeReturn }));
}

function logout(ctx: RequestContext, state: SandboxState): void {
	const sid = ctx.cookies['ASP.NET_SessionId'];
	if (sid) state.sessions.end(sid, 'logout');
	ctx.clearCookie('access-token');
	ctx.clearCookie('ASP.NET_SessionId');
	ctx.redirect('/app/login/');
}

const LOGIN_PATH = /^\/app\/session\/processlogin\.aspx$/i;

export const PUBLIC_ROUTES: PublicRoute[] = [
	{ name: 'session/loginpage', method: 'GET', path: /^\/app\/login\/(?:[^/]+\/)?$/i, msg: null, provenance: 'confirmed', fields: '—', answer: 'HTML login form (practice code step skipped when the URL names it)', handle: loginPage },
	{ name: 'session/practicecode', method: 'POST', path: LOGIN_PATH, msg: 3, provenance: 'confirmed', fields: 'practicecode, docookiecheck, correlationid; cookies timezone-offset, cookie-detection', answer: '`Success`, `PracticeName` or `ErrorMessage` (answer shape assumed)', handle: practiceStep },
	{ name: 'session/login', method: 'POST', path: LOGIN_PATH, msg: 4, provenance: 'confirmed', fields: 'msg, username, password (upper-case hex SHA-512), agreetos, docookiecheck, e-username (base64 practice code), twofactorreentryskipfornow, correlationid', answer: 'sets `access-token` (JWT) and `ASP.NET_SessionId`; `Success`/`RedirectUrl`, or `TwoFactorRequired: true`, or `ErrorCode`+`ErrorMessage` (answer shape assumed)', handle: passwordStep },
	{ name: 'session/twofactor', method: 'POST', path: LOGIN_PATH, msg: 5, provenance: 'assumed', fields: 'code, rememberdevice, correlationid; cookie tn-2fa', answer: 'as msg=4; `rememberdevice=true` sets `tn-rd` for 30 days', handle: twoFactorStep },
	{ name: 'session/logout', method: 'GET', path: /^\/app\/logout\/?$/i, msg: null, provenance: 'assumed', fields: '—', answer: '302 to /app/login/', handle: logout },
];
