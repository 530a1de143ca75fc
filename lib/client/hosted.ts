import { z } from 'zod';
import { therapyNotesProtocol } from '../portal';
import { PRODUCTION_BASE_URL, SESSION_PROBE_PATH } from '../portal/paths';
import { SessionCookies } from '../session/cookies';
import { LoginError, PortalChangedError, type LoginFailure, type TherapyNotesError } from '../session/errors';
import { credentialFingerprint, performLogin } from '../session/login';
import type { LoginCredentials } from '../session/protocol';
import { decodeState, encodeState, type SessionState } from '../session/state';
import type { Transport } from '../session/transport';
import { checkInput, InvalidInputError } from './validation';
import { crossProcessLoginFromEnv, type CrossProcessLogin } from './crossProcess';

/**
 * What a host's credential store holds (n8n's TherapyNotes API credential), and the three things a
 * host needs: log in and return the state to store, add the stored session to a request, and the
 * request that tells whether the stored session is still alive.
 */
export const storedCredentialSchema = z.object({
	environment: z.enum(['production', 'custom']).default('production'),
	baseUrl: z.string().optional(),
	practiceCode: z.string().trim().min(1, 'is required'),
	username: z.string().trim().min(1, 'is required'),
	password: z.string().min(1, 'is required'),
	totpSecret: z.string().optional(),
	loginMethod: z.enum(['automatic', 'http', 'browser']).default('automatic'),
	requestsPerSecond: z.number().positive().max(50).default(10),
	session: z.string().optional(),
});

export type StoredCredential = z.input<typeof storedCredentialSchema>;

export function baseUrlOf(stored: StoredCredential): string {
	if ((stored.environment ?? 'production') === 'production') return PRODUCTION_BASE_URL;
	const url = (stored.baseUrl ?? '').trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/.test(url)) throw new InvalidInputError('baseUrl', 'must be an http(s) URL such as http://127.0.0.1:4555');
	return url;
}

export function loginCredentialsOf(stored: StoredCredential): LoginCredentials {
	const data = checkInput(storedCredentialSchema, stored, 'credential');
	return {
		baseUrl: baseUrlOf(data),
		practiceCode: data.practiceCode.trim(),
		username: data.username.trim(),
		password: data.password,
		totpSecret: data.totpSecret?.trim() ? data.totpSecret.trim() : undefined,
		loginMethod: data.loginMethod,
	};
}

const REFUSAL_MEMORY_MS = 15 * 60_000;
/** Refusals that another attempt with the same values would only repeat, counting towards a lockout. */
const LOCKOUT_RISKS = new Set<LoginError['reason']>(['practice-code', 'credentials', 'locked', 'totp-required', 'totp-invalid', 'totp-secret']);
const FRESH_SESSION_MS = 2 * 60_000;

/**
 * Per process (n8n main or worker), per credential: one login in flight, the newest session, and
 * the last refusal. The host calls preAuthentication for every execution that saw an empty or dead
 * session; without this, concurrent executions would each log in and end each other's session
 * (one session per user), and a wrong password would be tried once per item until the lockout.
 * Kept on `globalThis` because n8n loads the credential and each node as separate bundles, each
 * with its own copy of this module, and they must share one memory.
 */
interface HostedMemory {
	inFlight: Map<string, Promise<string>>;
	newest: Map<string, { encoded: string; at: number }>;
	refusals: Map<string, { reason: LoginError['reason']; at: number }>;
}

const MEMORY_KEY = Symbol.for('n8n-nodes-therapynotes.hosted-sessions.v1');

function hostedMemory(): HostedMemory {
	const holder = globalThis as unknown as Record<symbol, HostedMemory | undefined>;
	return (holder[MEMORY_KEY] ??= { inFlight: new Map(), newest: new Map(), refusals: new Map() });
}

const { inFlight, newest, refusals } = hostedMemory();

/** Logs in (keeping the remembered device and TOTP step of the stored state) and returns the new state. */
export async function refreshStoredSession(stored: StoredCredential, transport: Transport, now: () => number = Date.now): Promise<string> {
	const credentials = loginCredentialsOf(stored);
	const fingerprint = credentialFingerprint(credentials);
	const refusal = refusals.get(fingerprint);
	if (refusal && now() - refusal.at < REFUSAL_MEMORY_MS) throw new LoginError(refusal.reason, 'not retried: the same credential was refused moments ago');
	const latest = newest.get(fingerprint);
	// Another execution already replaced the session this caller holds: use that one, do not log in.
	if (latest && latest.encoded !== stored.session && now() - latest.at < FRESH_SESSION_MS) return latest.encoded;
	let pending = inFlight.get(fingerprint);
	if (!pending) {
		const login = () => loginOnce(credentials, decodeState(stored.session, fingerprint), transport, fingerprint, now);
		pending = acrossProcesses(credentials, stored.session ?? '', login, fingerprint, now).finally(() => inFlight.delete(fingerprint));
		inFlight.set(fingerprint, pending);
	}
	return await pending;
}

let crossProcess: CrossProcessLogin | null | undefined;

/** Tests set it; by default it is read once from n8n's environment (queue mode: Redis). */
export function useCrossProcessLogin(login: CrossProcessLogin | null | undefined): void {
	crossProcess = login;
}

/** In n8n's queue mode, one login across main and workers; otherwise as in one process. */
async function acrossProcesses(credentials: LoginCredentials, heldSession: string, login: () => Promise<string>, fingerprint: string, now: () => number): Promise<string> {
	if (crossProcess === undefined) crossProcess = crossProcessLoginFromEnv(process.env);
	if (!crossProcess) return await login();
	const refusalOf = (error: unknown) => (error instanceof LoginError && LOCKOUT_RISKS.has(error.reason) ? error.reason : null);
	const encoded = await crossProcess.singleFlight({ credentials, heldSession, login, refusalOf });
	newest.set(fingerprint, { encoded, at: now() });
	return encoded;
}

async function loginOnce(credentials: LoginCredentials, previous: SessionState, transport: Transport, fingerprint: string, now: () => number): Promise<string> {
	try {
		const encoded = encodeState(await performLogin(credentials, previous, { protocol: therapyNotesProtocol, transport }));
		newest.set(fingerprint, { encoded, at: now() });
		return encoded;
	} catch (error) {
		if (error instanceof LoginError && LOCKOUT_RISKS.has(error.reason)) refusals.set(fingerprint, { reason: error.reason, at: now() });
		throw error;
	}
}

/** Forgets what this process remembers about sessions and refusals (tests; a changed credential needs nothing). */
export function forgetHostedSessions(): void {
	inFlight.clear();
	newest.clear();
	refusals.clear();
}

export interface AuthenticatableRequest {
	url: string;
	method?: string;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/**
 * The session requests should carry: the stored one, or this process's own login when that is
 * newer. They differ when the host could not store our login: n8n 1.x refreshes a credential only
 * on a thrown 401, never on the portal's 302, so there the node logs in itself (`renewWithoutHost`).
 */
export function sessionInUse(stored: StoredCredential): string | undefined {
	const fingerprint = credentialFingerprint(loginCredentialsOf(stored));
	const own = newest.get(fingerprint);
	if (!own || own.encoded === stored.session) return stored.session;
	const loggedInAt = (encoded: string | undefined) => Date.parse(decodeState(encoded, fingerprint).loggedInAt ?? '') || 0;
	return loggedInAt(own.encoded) > loggedInAt(stored.session) ? own.encoded : stored.session;
}

/**
 * Logs in for a host that did not refresh the session on a logged-out page (n8n 1.x). `deadSession`
 * is the one that page was sent with (`sessionInUse` read before sending): when another execution
 * has replaced it meanwhile, that newer session is taken instead of a login.
 */
export async function renewWithoutHost(stored: StoredCredential, deadSession: string | undefined, transport: Transport, now: () => number = Date.now): Promise<void> {
	await refreshStoredSession({ ...stored, session: deadSession }, transport, now);
}

/** Adds the session's cookies, and to a form body the page token and a correlation id. */
export function authenticateWithStoredSession<R extends AuthenticatableRequest>(stored: StoredCredential, request: R): R {
	const credentials = loginCredentialsOf(stored);
	const state = decodeState(sessionInUse(stored), credentialFingerprint(credentials));
	const cookie = SessionCookies.restore(state.cookies).headerFor(request.url);
	const headers = { ...(request.headers ?? {}), ...therapyNotesProtocol.requestHeaders };
	if (cookie) headers.Cookie = cookie;
	const isForm = (request.method ?? 'GET').toUpperCase() === 'POST' && request.body !== null && typeof request.body === 'object';
	const body = isForm ? therapyNotesProtocol.decorate(request.body as Record<string, string>, state.requestToken ?? '') : request.body;
	return { ...request, headers, body };
}

export const sessionProbe = { method: 'GET' as const, path: SESSION_PROBE_PATH };

/**
 * A host wraps errors thrown inside the credential's login (n8n: in a NodeApiError, and the
 * credential is a separate bundle, so `instanceof` cannot see our classes). Finds our login or
 * portal-changed error in the cause chain by name and rebuilds it here, so it is never mistaken
 * for a network blip and retried — retrying a refused login is how accounts get locked.
 */
export function recoverHostedError(error: unknown): TherapyNotesError | null {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const candidate = current as { name?: unknown; reason?: unknown; handler?: unknown; field?: unknown; message?: unknown; cause?: unknown };
		if (candidate.name === 'LoginError' && typeof candidate.reason === 'string' && LOGIN_FAILURES.includes(candidate.reason as LoginFailure)) {
			return new LoginError(candidate.reason as LoginFailure);
		}
		if (candidate.name === 'PortalChangedError' && typeof candidate.handler === 'string' && typeof candidate.field === 'string') {
			return new PortalChangedError(candidate.handler, candidate.field, 'during login');
		}
		current = candidate.cause;
	}
	return null;
}

const LOGIN_FAILURES: LoginFailure[] = ['practice-code', 'credentials', 'locked', 'totp-required', 'totp-invalid', 'totp-secret', 'browser-required', 'browser-unavailable', 'cookies', 'unexpected'];
