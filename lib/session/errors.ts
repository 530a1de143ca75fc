/**
 * Typed errors of the session layer. Messages are written for the person who set up the
 * credential, and never carry a password, cookie, TOTP secret or patient data.
 */
export class TherapyNotesError extends Error {
	constructor(message: string) {
		super(message);
		this.name = new.target.name;
	}
}

export type LoginFailure =
	| 'practice-code'
	| 'credentials'
	| 'locked'
	| 'totp-required'
	| 'totp-invalid'
	| 'totp-secret'
	| 'browser-required'
	| 'browser-unavailable'
	| 'cookies'
	| 'unexpected';

const LOGIN_ADVICE: Record<LoginFailure, string> = {
	'practice-code': 'TherapyNotes did not recognise the practice code. Check the Practice Code field of the credential.',
	credentials: 'TherapyNotes refused the username or password. Check both in the credential; no further attempt was made, so the account is not at risk of being locked.',
	locked: 'The TherapyNotes account is locked after too many failed logins. Wait 15 minutes (or ask the practice administrator to unlock it), then check the password.',
	'totp-required': 'This TherapyNotes user has two-factor authentication on. Add the authenticator (TOTP) secret to the credential.',
	'totp-invalid': 'TherapyNotes refused the two-factor code. Check the TOTP secret in the credential and that this machine’s clock is correct.',
	'totp-secret': 'The TOTP secret in the credential is not valid base32 text (letters A–Z and digits 2–7).',
	'browser-required': 'TherapyNotes requires a browser to log in for this account. Set Login Method to Automatic or Browser.',
	'browser-unavailable': 'Browser login needs playwright-core and a Chromium on the n8n host. Install them (npm i playwright-core; apt-get install chromium) or use HTTP login.',
	cookies: 'TherapyNotes did not accept the login cookies.',
	unexpected: 'TherapyNotes answered the login in an unexpected way. Try again later; if it keeps happening, log in once in a browser to see what the portal asks for.',
};

/** A login the portal refused. Never retried: retrying could lock the account. */
export class LoginError extends TherapyNotesError {
	constructor(
		readonly reason: LoginFailure,
		detail?: string,
	) {
		super(detail ? `${LOGIN_ADVICE[reason]} (${detail})` : LOGIN_ADVICE[reason]);
	}
}

/** The portal's answer no longer has the shape we know: a portal release changed it. */
export class PortalChangedError extends TherapyNotesError {
	constructor(
		readonly handler: string,
		readonly field: string,
		detail: string,
	) {
		super(`TherapyNotes changed the answer of '${handler}' (field '${field}': ${detail}). Nothing was returned; update n8n-nodes-therapynotes.`);
	}
}

/** HTTP status the portal answered with after retries (or at once, for a write that must not be retried). */
export class PortalHttpError extends TherapyNotesError {
	constructor(
		readonly handler: string,
		readonly status: number,
		readonly retryAfterSeconds?: number,
	) {
		super(`TherapyNotes answered '${handler}' with HTTP ${status}${status === 429 ? ' (too many requests)' : status >= 500 ? ' (server error)' : ''}.`);
	}
}

/** The network failed while a non-idempotent write was in flight: it may or may not have happened. */
export class WriteOutcomeUnknownError extends TherapyNotesError {
	constructor(
		readonly handler: string,
		cause: string,
	) {
		super(`The connection to TherapyNotes failed during '${handler}' (${cause}); the change may or may not have been saved. It was not repeated, to avoid a duplicate.`);
	}
}

export class NetworkError extends TherapyNotesError {
	constructor(
		readonly handler: string,
		cause: string,
	) {
		super(`Could not reach TherapyNotes for '${handler}' (${cause}).`);
	}
}

/** The session expired again right after a fresh login: something else keeps ending it. */
export class SessionExpiredError extends TherapyNotesError {
	constructor(readonly handler: string) {
		super(`The TherapyNotes session ended again right after logging in, during '${handler}'. Another login of the same user (a browser, or another tool) may be ending it: TherapyNotes allows one session per user.`);
	}
}

/** The portal refused a request in its own words (validation, not found, locked note…). */
export class PortalRefusalError extends TherapyNotesError {
	constructor(
		readonly handler: string,
		readonly code: string,
		readonly portalMessage: string,
		readonly details: Record<string, unknown> = {},
	) {
		super(`TherapyNotes refused '${handler}': ${portalMessage}`);
	}
}

export function describeError(error: unknown): string {
	if (error instanceof Error) return error.message;
	return String(error);
}
