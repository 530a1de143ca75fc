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

/** Every audit line any session in the test run wrote, for the leak scan. */
export const capturedAudit: AuditLine[] = [];

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
