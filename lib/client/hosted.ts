import { z } from 'zod';
import { therapyNotesProtocol } from '../portal';
import { PRODUCTION_BASE_URL, SESSION_PROBE_PATH } from '../portal/paths';
import { SessionCookies } from '../session/cookies';
import { credentialFingerprint, performLogin } from '../session/login';
import type { LoginCredentials } from '../session/protocol';
import { decodeState, encodeState } from '../session/state';
import type { Transport } from '../session/transport';
import { checkInput, InvalidInputError } from './validation';

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

/** Logs in (keeping the remembered device and TOTP step of the stored state) and returns the new state. */
export async function refreshStoredSession(stored: StoredCredential, transport: Transport): Promise<string> {
	const credentials = loginCredentialsOf(stored);
	const previous = decodeState(stored.session, credentialFingerprint(credentials));
	const next = await performLogin(credentials, previous, { protocol: therapyNotesProtocol, transport });
	return encodeState(next);
}

export interface AuthenticatableRequest {
	url: string;
	method?: string;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** Adds the stored session's cookies, and to a form body the page token and a correlation id. */
export function authenticateWithStoredSession<R extends AuthenticatableRequest>(stored: StoredCredential, request: R): R {
	const credentials = loginCredentialsOf(stored);
	const state = decodeState(stored.session, credentialFingerprint(credentials));
	const cookie = SessionCookies.restore(state.cookies).headerFor(request.url);
	const headers = { ...(request.headers ?? {}), ...therapyNotesProtocol.requestHeaders };
	if (cookie) headers.Cookie = cookie;
	const isForm = (request.method ?? 'GET').toUpperCase() === 'POST' && request.body !== null && typeof request.body === 'object';
	const body = isForm ? therapyNotesProtocol.decorate(request.body as Record<string, string>, state.requestToken ?? '') : request.body;
	return { ...request, headers, body };
}

export const sessionProbe = { method: 'GET' as const, path: SESSION_PROBE_PATH };
