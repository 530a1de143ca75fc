import type { RunningSandbox } from '../../../sandbox/server';
import { RawPortalClient } from '../../helpers/portalClient';
import { totp } from '../../helpers/totp';
import { admin, withSandbox } from '../../helpers/sandbox';

let sandbox: RunningSandbox;
beforeEach(async () => {
	sandbox = await withSandbox();
});
afterEach(() => sandbox.close());

const demo = () => sandbox.state.demo;

describe('sandbox login, as PORTAL.md describes it', () => {
	test('front-desk user logs in with practice code, username and SHA-512 password', async () => {
		const client = new RawPortalClient(sandbox.url);
		const answer = await client.login(demo().practiceCode, demo().plainUsername, demo().password);
		expect(answer).toMatchObject({ Success: true, RedirectUrl: '/app/dashboard/' });
		const token = client.cookies.get('access-token')!;
		const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
		expect(payload.UserClaim).toEqual(expect.arrayContaining(['UserId;2', 'PracticeId;1']));
		expect(client.cookies.get('ASP.NET_SessionId')).toBeTruthy();
		const dashboard = await client.openDashboard();
		expect(dashboard.status).toBe(200);
		expect(client.tnrac).toMatch(/^[A-Za-z0-9_-]{20,}$/);
		expect((await admin(sandbox, 'GET', 'stats')).logins).toBe(1);
	});

	test('the login page with a practice code in the URL skips the practice-code field', async () => {
		const response = await fetch(`${sandbox.url}/app/login/${demo().practiceCode}/`);
		const html = await response.text();
		expect(html).toContain(`type="hidden" id="practicecode" name="practicecode" value="${demo().practiceCode}"`);
		const plain = await (await fetch(`${sandbox.url}/app/login/`)).text();
		expect(plain).toContain('<input id="practicecode"');
	});

	test('wrong practice code, wrong password and missing cookies are refused with the portal messages', async () => {
		const client = new RawPortalClient(sandbox.url);
		expect(await client.login('NoSuchPractice', demo().plainUsername, demo().password)).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining('did not match any account') });
		expect(await client.login(demo().practiceCode, demo().plainUsername, 'wrong')).toMatchObject({ Success: false, ErrorCode: 'InvalidCredentials' });
		const noCookies = new RawPortalClient(sandbox.url);
		const answer = await noCookies.postJson('/app/session/processlogin.aspx?msg=3', { practicecode: demo().practiceCode, docookiecheck: 'true' });
		expect(answer).toMatchObject({ Success: false, ErrorCode: 'CookiesDisabled' });
	});

	test('five failures within 15 minutes lock the account for 15 minutes, even for the right password', async () => {
		const client = new RawPortalClient(sandbox.url);
		for (let i = 0; i < 5; i++) await client.login(demo().practiceCode, demo().plainUsername, `wrong-${i}`);
		const locked = await client.login(demo().practiceCode, demo().plainUsername, demo().password);
		expect(locked).toMatchObject({ Success: false, ErrorCode: 'AccountLocked', ErrorMessage: expect.stringContaining('account has been locked') });
		const stats = await admin(sandbox, 'GET', 'stats');
		expect(stats).toMatchObject({ failedLogins: 5, lockouts: 1, logins: 0 });
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 16 });
		expect(await client.login(demo().practiceCode, demo().plainUsername, demo().password)).toMatchObject({ Success: true });
	});

	test('four failures spread over more than 15 minutes do not lock', async () => {
		const client = new RawPortalClient(sandbox.url);
		for (let i = 0; i < 4; i++) await client.login(demo().practiceCode, demo().plainUsername, 'wrong');
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 16 });
		await client.login(demo().practiceCode, demo().plainUsername, 'wrong');
		expect(await client.login(demo().practiceCode, demo().plainUsername, demo().password)).toMatchObject({ Success: true });
	});

	test('TOTP: code required, wrong code refused, replayed code refused, remembered device skips the code', async () => {
		const client = new RawPortalClient(sandbox.url);
		expect(await client.login(demo().practiceCode, demo().username, demo().password)).toMatchObject({ Success: false, TwoFactorRequired: true });
		expect(await client.submitCode('000000' === totp(demo().totpSecret) ? '111111' : '000000', false)).toMatchObject({ ErrorCode: 'InvalidCode' });
		const code = totp(demo().totpSecret);
		expect(await client.submitCode(code, true)).toMatchObject({ Success: true });
		const device = client.cookies.get('tn-rd');
		expect(device).toBeTruthy();

		const replay = new RawPortalClient(sandbox.url);
		await replay.login(demo().practiceCode, demo().username, demo().password);
		expect(await replay.submitCode(code, false)).toMatchObject({ Success: false, ErrorCode: 'CodeReused' });

		const remembered = new RawPortalClient(sandbox.url);
		remembered.cookies.set('tn-rd', device!);
		expect(await remembered.login(demo().practiceCode, demo().username, demo().password)).toMatchObject({ Success: true });
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 31 * 24 * 60 });
		const expiredDevice = new RawPortalClient(sandbox.url);
		expiredDevice.cookies.set('tn-rd', device!);
		expect(await expiredDevice.login(demo().practiceCode, demo().username, demo().password)).toMatchObject({ TwoFactorRequired: true });
	});

	test('a second login of the same user ends the first session', async () => {
		const first = new RawPortalClient(sandbox.url);
		await first.login(demo().practiceCode, demo().plainUsername, demo().password);
		await first.openDashboard();
		expect((await first.call('/app/common/searchforpatient.aspx', 20, { searchquery: 'zz' })).Matches).toBeDefined();
		const second = new RawPortalClient(sandbox.url);
		await second.login(demo().practiceCode, demo().plainUsername, demo().password);
		const answer = await first.call('/app/common/searchforpatient.aspx', 20, { searchquery: 'zz' });
		expect(String(answer.__text)).toContain('id="login-form"');
		expect((await first.request('GET', '/app/dashboard/')).status).toBe(302);
		const stats = await admin(sandbox, 'GET', 'stats');
		expect(stats.sessionsEndedByOtherLogin).toBe(1);
		expect(stats.requestsWithEndedSession).toBeGreaterThanOrEqual(1);
	});

	test('idle timeout: pages redirect to the login page and handlers answer 200 with the login HTML', async () => {
		await admin(sandbox, 'POST', 'config', { idleTimeoutMinutes: 20 });
		const client = new RawPortalClient(sandbox.url);
		await client.login(demo().practiceCode, demo().plainUsername, demo().password);
		await client.openDashboard();
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 19 });
		expect((await client.request('GET', '/app/dashboard/')).status).toBe(200);
		await admin(sandbox, 'POST', 'clock', { advanceMinutes: 21 });
		const page = await client.request('GET', '/app/patients/');
		expect(page.status).toBe(302);
		expect(page.headers.get('location')).toMatch(/^\/app\/login\//);
		const handler = await client.request('POST', '/app/common/searchforpatient.aspx?msg=20', { searchquery: 'ab', tnrac: client.tnrac });
		expect(handler.status).toBe(200);
		expect(await handler.text()).toContain('id="login-form"');
	});

	test('handlers refuse a missing or wrong tnrac', async () => {
		const client = new RawPortalClient(sandbox.url);
		await client.login(demo().practiceCode, demo().plainUsername, demo().password);
		const before = await client.call('/app/common/searchforpatient.aspx', 20, { searchquery: 'ab' });
		expect(before).toMatchObject({ Success: false, ErrorCode: 'InvalidRequestToken' });
		await client.openDashboard();
		expect(await client.call('/app/common/searchforpatient.aspx', 20, { searchquery: 'ab' })).toHaveProperty('Matches');
	});

	test('browser-only mode refuses a plain HTTP login without counting a failure', async () => {
		await admin(sandbox, 'POST', 'config', { browserOnlyLogin: true });
		const client = new RawPortalClient(sandbox.url);
		expect(await client.login(demo().practiceCode, demo().plainUsername, demo().password)).toMatchObject({ Success: false, ErrorCode: 'BrowserRequired' });
		expect(await admin(sandbox, 'GET', 'stats')).toMatchObject({ failedLogins: 0, browserRequiredRefusals: 1 });
	});
});
