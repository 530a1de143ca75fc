import type { RunningSandbox } from '../../../sandbox/server';
import { admin, withSandbox } from '../../helpers/sandbox';
import { capturedAudit, capturedErrors, caught, forbiddenStrings, leaks, sessionFor } from '../../helpers/session';
import { patients } from '../../../lib/portal';
import { LoginError, PortalChangedError, PortalHttpError, SessionExpiredError, WriteOutcomeUnknownError } from '../../../lib/session';

let sandbox: RunningSandbox;
const cookieValues: string[] = [];
const forbidden = new Set<string>();
beforeEach(async () => {
	sandbox = await withSandbox();
});
afterEach(async () => {
	for (const value of forbiddenStrings(sandbox, cookieValues)) forbidden.add(value);
	await sandbox.close();
});

const stats = () => admin(sandbox, 'GET', 'stats');
const faults = (rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });
const someLastName = () => [...sandbox.state.store.patients.values()][0].lastName;

describe('session: login', () => {
	test('logs in over HTTP without two-factor and uses the session for data calls', async () => {
		const session = sessionFor(sandbox, 'plain');
		const matches = await session.request(patients.searchPatients(someLastName()));
		expect(matches.length).toBeGreaterThan(0);
		expect(matches[0].dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(await stats()).toMatchObject({ logins: 1, loginAttempts: 1, twoFactorChallenges: 0 });
		expect(session.exportState().requestToken).toBeTruthy();
		const jar = session.exportState().cookies as { cookies: { value: string }[] };
		cookieValues.push(...jar.cookies.map((c) => c.value));
	});

	test('logs in with TOTP, and a later login with the stored state skips the code (remembered device)', async () => {
		const first = sessionFor(sandbox, 'demo');
		await first.request(patients.searchPatients('zz'));
		expect(await stats()).toMatchObject({ logins: 1, twoFactorChallenges: 1, twoFactorFailures: 0 });
		await admin(sandbox, 'POST', 'sessions/expire');
		const second = sessionFor(sandbox, 'demo', { state: first.exportState() });
		await second.request(patients.searchPatients('zz'));
		expect(await stats()).toMatchObject({ logins: 2, twoFactorChallenges: 1 });
	});

	test('a stored session is resumed without logging in again', async () => {
		const first = sessionFor(sandbox, 'plain');
		await first.request(patients.searchPatients('zz'));
		const resumed = sessionFor(sandbox, 'plain', { state: JSON.parse(JSON.stringify(first.exportState())) });
		await resumed.request(patients.searchPatients('zz'));
		expect((await stats()).logins).toBe(1);
	});

	test.each([
		['wrong password', { password: 'not-the-password' }, 'credentials', { loginAttempts: 1, failedLogins: 1 }],
		['wrong practice code', { practiceCode: 'NoSuchPractice' }, 'practice-code', { practiceCodeChecks: 1, loginAttempts: 0 }],
	] as const)('%s: exactly one attempt reaches the portal, and asking again sends nothing', async (_label, credentials, reason, expected) => {
		const session = sessionFor(sandbox, 'plain', { credentials });
		const error = await caught(session.request(patients.searchPatients('zz')));
		expect(error).toBeInstanceOf(LoginError);
		expect((error as LoginError).reason).toBe(reason);
		await expect(session.request(patients.searchPatients('zz'))).rejects.toBeInstanceOf(LoginError);
		expect(await stats()).toMatchObject(expected);
	});

	test('a bad TOTP secret fails with one code attempt and a message naming the secret', async () => {
		const wrongSecret = 'A'.repeat(32);
		const session = sessionFor(sandbox, 'demo', { credentials: { totpSecret: wrongSecret } });
		const error = (await caught(session.request(patients.searchPatients('zz')))) as LoginError;
		expect(error.reason).toBe('totp-invalid');
		expect(error.message).toMatch(/TOTP secret/);
		expect(await stats()).toMatchObject({ twoFactorFailures: 1, loginAttempts: 1 });
		const malformed = sessionFor(sandbox, 'demo', { credentials: { totpSecret: 'not base32!' } });
		expect(((await caught(malformed.request(patients.searchPatients('zz')))) as LoginError).reason).toBe('totp-secret');
	});

	test('a user with two-factor and no secret in the credential is told to add it', async () => {
		const session = sessionFor(sandbox, 'demo', { credentials: { totpSecret: undefined } });
		expect(((await caught(session.request(patients.searchPatients('zz')))) as LoginError).reason).toBe('totp-required');
		expect((await stats()).failedLogins).toBe(0);
	});

	test('a locked account is reported as locked, with what to do', async () => {
		for (let i = 0; i < 5; i++) await sessionFor(sandbox, 'plain', { credentials: { password: `bad-${i}` } }).request(patients.searchPatients('zz')).catch(() => undefined);
		const error = (await caught(sessionFor(sandbox, 'plain').request(patients.searchPatients('zz')))) as LoginError;
		expect(error.reason).toBe('locked');
		expect(error.message).toMatch(/Wait 15 minutes/);
	});

	test('20 concurrent operations from a cold start share exactly one login', async () => {
		const session = sessionFor(sandbox, 'plain');
		const results = await Promise.all(Array.from({ length: 20 }, () => session.request(patients.searchPatients(someLastName()))));
		expect(results.every((r) => r.length > 0)).toBe(true);
		expect((await stats()).logins).toBe(1);
	});
});

describe('session: expiry, retries and drift', () => {
	test('an expired session (login HTML with 200) is renewed once and the call succeeds', async () => {
		const session = sessionFor(sandbox, 'plain');
		await session.request(patients.searchPatients('zz'));
		await admin(sandbox, 'POST', 'sessions/expire');
		const concurrent = await Promise.all(Array.from({ length: 5 }, () => session.request(patients.searchPatients(someLastName()))));
		expect(concurrent.every((r) => r.length > 0)).toBe(true);
		expect((await stats()).logins).toBe(2);
	});

	test('a session that ends again right after the re-login is reported, not looped', async () => {
		const session = sessionFor(sandbox, 'plain');
		await session.request(patients.searchPatients('zz'));
		await faults([{ handler: 'patients/search', fault: 'expire' }]);
		await expect(session.request(patients.searchPatients('zz'))).rejects.toBeInstanceOf(SessionExpiredError);
		expect((await stats()).logins).toBe(2);
	});

	test('5xx on a read is retried with backoff; on a create it is not', async () => {
		const session = sessionFor(sandbox, 'plain');
		await faults([{ handler: 'patients/search', fault: '5xx', count: 2 }, { handler: 'patients/save', fault: '5xx', count: 1 }]);
		expect(await session.request(patients.searchPatients('zz'))).toEqual([]);
		expect((await stats()).requests['patients/search']).toBe(3);
		const error = await caught(session.request(patients.createPatient({ firstName: 'Synthetic', lastName: 'Person', dateOfBirth: '1990-01-02' })));
		expect(error).toBeInstanceOf(PortalHttpError);
		expect((await stats()).requests['patients/save']).toBe(1);
	});

	test('429 waits for Retry-After, then succeeds', async () => {
		const session = sessionFor(sandbox, 'plain');
		await session.request(patients.searchPatients('zz'));
		await faults([{ handler: 'patients/search', fault: '429', retryAfterSeconds: 1, count: 1 }]);
		const started = Date.now();
		await session.request(patients.searchPatients('zz'));
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('a create whose answer is lost is reported as unknown, never sent twice', async () => {
		const session = sessionFor(sandbox, 'plain');
		await faults([{ handler: 'patients/save', fault: 'drop', count: 1 }]);
		const error = await caught(session.request(patients.createPatient({ firstName: 'Synthetic', lastName: 'Person', dateOfBirth: '1990-01-02', externalId: 'LOST-1' })));
		expect(error).toBeInstanceOf(WriteOutcomeUnknownError);
		expect((await stats()).requests['patients/save']).toBe(1);
		expect((await admin(sandbox, 'GET', 'records/patients?externalId=LOST-1')).count).toBe(1);
	});

	test('drift becomes PortalChangedError naming the handler and the field, with no data', async () => {
		const session = sessionFor(sandbox, 'plain');
		await faults([{ handler: 'patients/search', fault: 'drift' }]);
		const error = (await caught(session.request(patients.searchPatients(someLastName())))) as PortalChangedError;
		expect(error).toBeInstanceOf(PortalChangedError);
		expect(error.handler).toBe('patients/search');
		expect(error.field).toBe('Matches');
	});
});

describe('session: leak scan', () => {
	test('no password, TOTP secret, cookie value, patient name or date of birth in any audit line or error of this suite', () => {
		const texts = [...capturedAudit.map((line) => JSON.stringify(line)), ...capturedErrors];
		expect(capturedAudit.length).toBeGreaterThan(40);
		expect(capturedErrors.length).toBeGreaterThan(8);
		expect(cookieValues.length).toBeGreaterThan(2);
		expect(forbidden.size).toBeGreaterThan(100);
		expect(leaks(texts, [...forbidden])).toEqual([]);
	});
});
