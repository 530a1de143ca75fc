import type { RunningSandbox } from '../../../sandbox/server';
import { admin, withSandbox } from '../../helpers/sandbox';
import { sessionFor } from '../../helpers/session';
import { patients } from '../../../lib/portal';
import { LoginError } from '../../../lib/session';

// Real Chromium (Debian's, installed by .ci/run) drives the sandbox's login page.
jest.setTimeout(90_000);

let sandbox: RunningSandbox;
beforeEach(async () => {
	sandbox = await withSandbox({ browserOnlyLogin: true });
});
afterEach(() => sandbox.close());

const stats = () => admin(sandbox, 'GET', 'stats');

describe('browser login', () => {
	test('automatic mode falls back to the browser when the portal demands one, then data calls use plain HTTP', async () => {
		const session = sessionFor(sandbox, 'plain', { credentials: { loginMethod: 'automatic' } });
		const lastName = [...sandbox.state.store.patients.values()][0].lastName;
		expect((await session.request(patients.searchPatients(lastName))).length).toBeGreaterThan(0);
		expect(await stats()).toMatchObject({ browserRequiredRefusals: 1, logins: 1, failedLogins: 0 });
	});

	test('browser mode answers the two-factor step in the page, like a person', async () => {
		const session = sessionFor(sandbox, 'demo', { credentials: { loginMethod: 'browser' } });
		expect(await session.request(patients.searchPatients('zz'))).toEqual([]);
		expect(await stats()).toMatchObject({ logins: 1, twoFactorChallenges: 1, twoFactorFailures: 0, browserRequiredRefusals: 0 });
	});

	test('HTTP mode does not fall back: it reports that a browser is required', async () => {
		const session = sessionFor(sandbox, 'plain', { credentials: { loginMethod: 'http' } });
		const error = (await session.request(patients.searchPatients('zz')).catch((e: unknown) => e)) as LoginError;
		expect(error.reason).toBe('browser-required');
		expect((await stats()).logins).toBe(0);
	});

	test('a wrong password in the browser is one failed attempt with the portal reason', async () => {
		const session = sessionFor(sandbox, 'plain', { credentials: { loginMethod: 'browser', password: 'wrong-password' } });
		const error = (await session.request(patients.searchPatients('zz')).catch((e: unknown) => e)) as LoginError;
		expect(error.reason).toBe('credentials');
		expect(await stats()).toMatchObject({ failedLogins: 1, loginAttempts: 1 });
	});
});
