import type { RunningSandbox } from '../../sandbox/server';
import { PortalSession, type AuditLine, type LoginCredentials, type PortalSessionOptions } from '../../lib/session';
import { therapyNotesProtocol } from '../../lib/portal';

export type Who = 'plain' | 'demo' | 'supervised';

export function credentialsFor(sandbox: RunningSandbox, who: Who, overrides: Partial<LoginCredentials> = {}): LoginCredentials {
	const demo = sandbox.state.demo;
	const username = { plain: demo.plainUsername, demo: demo.username, supervised: demo.supervisedUsername }[who];
	return {
		baseUrl: sandbox.url,
		practiceCode: demo.practiceCode,
		username,
		password: demo.password,
		totpSecret: who === 'demo' ? demo.totpSecret : undefined,
		loginMethod: 'http',
		...overrides,
	};
}

/** Every audit line and error message the sessions of a test file produced, for the leak scan. */
export const capturedAudit: AuditLine[] = [];
export const capturedErrors: string[] = [];

/** Awaits a promise expected to fail and keeps the error's message for the leak scan. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		capturedErrors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
		return error;
	}
	throw new Error('expected the call to fail');
}

/** Secrets and PHI of a sandbox that must never appear in a log line or an error message. */
export function forbiddenStrings(sandbox: RunningSandbox, cookieValues: string[]): string[] {
	const { password, totpSecret } = sandbox.state.demo;
	const phi: string[] = [];
	for (const patient of sandbox.state.store.patients.values()) {
		phi.push(`${patient.firstName} ${patient.lastName}`, patient.lastName, patient.dob, patient.email);
	}
	return [password, totpSecret, ...cookieValues.filter((v) => v.length >= 8), ...phi.filter((v) => v.length >= 5)];
}

export function leaks(texts: string[], forbidden: string[]): string[] {
	const haystack = texts.join('\n');
	return forbidden.filter((needle) => haystack.includes(needle));
}

export function sessionFor(sandbox: RunningSandbox, who: Who, options: Omit<Partial<PortalSessionOptions>, 'credentials'> & { credentials?: Partial<LoginCredentials> } = {}): PortalSession {
	const { credentials, ...rest } = options;
	return new PortalSession({
		credentials: credentialsFor(sandbox, who, credentials),
		protocol: therapyNotesProtocol,
		requestsPerSecond: 200,
		retry: { baseDelayMs: 5, maxDelayMs: 50 },
		audit: (line) => capturedAudit.push(line),
		...rest,
	});
}
