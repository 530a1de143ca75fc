import { startSandbox } from '../sandbox/server';
import { PortalSession, type LoginCredentials } from '../lib/session';
import { therapyNotesProtocol, patients } from '../lib/portal';
import { median } from './stats';

/**
 * Session figures, measured against a sandbox started here: how many logins 100 sequential
 * operations cost, and how long an HTTP login takes against a real-Chromium browser login.
 */
async function timeLogin(credentials: LoginCredentials): Promise<number> {
	const session = new PortalSession({ credentials, protocol: therapyNotesProtocol, requestsPerSecond: 1000 });
	const started = process.hrtime.bigint();
	await session.login();
	return Number(process.hrtime.bigint() - started) / 1e6;
}

export async function runSessionBench(options: { browserRuns?: number } = {}) {
	const sandbox = await startSandbox({ seed: 3, size: 'solo', port: 0 });
	try {
		const demo = sandbox.state.demo;
		const credentials: LoginCredentials = { baseUrl: sandbox.url, practiceCode: demo.practiceCode, username: demo.plainUsername, password: demo.password, loginMethod: 'http' };
		const session = new PortalSession({ credentials, protocol: therapyNotesProtocol, requestsPerSecond: 1000 });
		const lastName = [...sandbox.state.store.patients.values()][0].lastName;
		const before = sandbox.state.stats.logins;
		for (let i = 0; i < 100; i++) await session.request(patients.searchPatients(lastName));
		const loginsPer100 = sandbox.state.stats.logins - before;

		const http: number[] = [];
		for (let i = 0; i < 5; i++) http.push(await timeLogin(credentials));
		const browser: number[] = [];
		for (let i = 0; i < (options.browserRuns ?? 3); i++) browser.push(await timeLogin({ ...credentials, loginMethod: 'browser' }));
		return {
			logins_per_100_ops: loginsPer100,
			http_login_ms: Math.round(median(http)),
			browser_login_ms: Math.round(median(browser)),
			browser_vs_http_login: Math.round((median(browser) / median(http)) * 10) / 10,
		};
	} finally {
		await sandbox.close();
	}
}
