import type { INodeCredentialsDetails } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { admin, withSandbox } from '../../helpers/sandbox';
import { forbiddenStrings } from '../../helpers/session';
import { cookieValuesOf, getParameters, handlerHits, sandboxCredential, searchParameters, seededPatients, stats } from './fixtures';

// How the node's portal session lives in n8n's credential store when run by n8n-core: one login
// shared by executions, encrypted at rest, renewed through n8n's own refresh path.

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox));
	n8n.logs.clear();
});
afterEach(async () => {
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const storedSession = async () => (await n8n.store.decrypt(credential.id as string)).session;
const getPatient = (index: number) => n8n.runNode({ parameters: getParameters('id', String(seededPatients(sandbox)[index].id)), credential });

describe('node session: kept in n8n’s credential store', () => {
	test('two executions share one login: the session is stored after the first and reused by the second', async () => {
		expect(await storedSession()).toBeUndefined();
		const first = await getPatient(0);
		expect(first.error).toBeUndefined();
		const session = await storedSession();
		expect(typeof session).toBe('string');
		expect(cookieValuesOf(session).length).toBeGreaterThanOrEqual(2);
		expect(n8n.store.writes).toHaveLength(1);
		expect((await stats(sandbox)).logins).toBe(1);

		const callsBefore = n8n.credentialsHelper.preAuthenticationCalls.length;
		const requestsBefore = (await stats(sandbox)).totalRequests;
		const second = await getPatient(1);
		expect(second.items[0].json.id).toBe(seededPatients(sandbox)[1].id);
		expect((await stats(sandbox)).logins).toBe(1);
		// The second execution sent only its own request: no login, no probe, nothing written back.
		expect((await stats(sandbox)).totalRequests - requestsBefore).toBe(1);
		expect(n8n.credentialsHelper.preAuthenticationCalls.slice(callsBefore)).toEqual([{ credentialsExpired: false, ran: false }]);
		expect(n8n.store.writes).toHaveLength(1);
		expect(await storedSession()).toBe(session);
	});

	test('the stored session is encrypted at rest: the stored row holds none of its cookies, token or password', async () => {
		await getPatient(0);
		const session = String(await storedSession());
		// Short cookie values (a time-zone offset such as "0") would match any ciphertext by chance.
		const secrets = [...cookieValuesOf(session), String(JSON.parse(session).requestToken), sandbox.state.demo.password].filter((s) => s.length >= 8);
		expect(secrets.length).toBeGreaterThanOrEqual(3);
		const raw = n8n.store.rawData(credential.id as string);
		for (const secret of secrets) expect(raw).not.toContain(secret);
		for (const word of ['access-token', 'ASP.NET_SessionId', 'session', 'password']) expect(raw).not.toContain(word);
		expect(n8n.store.writes.every((write) => !write.data.includes(secrets[0]))).toBe(true);
	});

	test('a session that expired between executions is renewed by n8n’s refresh path with one more login, and the new one is stored', async () => {
		await getPatient(0);
		const oldSession = await storedSession();
		await admin(sandbox, 'POST', 'sessions/expire');
		const callsBefore = n8n.credentialsHelper.preAuthenticationCalls.length;

		const renewed = await getPatient(1);
		expect(renewed.error).toBeUndefined();
		expect(renewed.items[0].json.id).toBe(seededPatients(sandbox)[1].id);
		expect((await stats(sandbox)).logins).toBe(2);
		// n8n re-ran preAuthentication because a request (our dashboard probe) answered 302.
		expect(n8n.credentialsHelper.preAuthenticationCalls.slice(callsBefore).filter((c) => c.ran)).toEqual([{ credentialsExpired: true, ran: true }]);
		const newSession = await storedSession();
		expect(newSession).not.toBe(oldSession);
		expect(n8n.store.writes).toHaveLength(2);

		await getPatient(2);
		expect((await stats(sandbox)).logins).toBe(2);
	});

	// Every execution sees the empty session and n8n runs preAuthentication for each: without one
	// login in flight per credential they would log in 3 times and end each other's session.
	test('three concurrent first executions share one login', async () => {
		const runs = await Promise.all([0, 1, 2].map((index) => getPatient(index)));
		expect(runs.map((run) => run.error?.message ?? run.items[0].json.id)).toEqual(seededPatients(sandbox).slice(0, 3).map((p) => p.id));
		expect(await stats(sandbox)).toMatchObject({ logins: 1, sessionsEndedByOtherLogin: 0 });
	});

	test('n8n’s log (node errors and our audit lines) carries no patient details, password or cookies', async () => {
		await n8n.runNode({ parameters: searchParameters(seededPatients(sandbox)[0].lastName), credential });
		await n8n.runNode({ parameters: getParameters('id', '999999'), credential });
		const log = n8n.logs.text();
		expect(log).toContain('patients/search');
		expect(log).toContain("TherapyNotes refused 'patients/get'");
		const forbidden = forbiddenStrings(sandbox, cookieValuesOf(await storedSession()));
		expect(forbidden.filter((needle) => log.includes(needle))).toEqual([]);
	});
});

describe('node session: a wrong password', () => {
	// n8n-core wraps the LoginError thrown in preAuthentication in a NodeApiError: unless it is
	// recognised as a refusal, the pipeline takes it for a network failure and logs in again
	// (5 failed logins locked the user before that was fixed).
	test('fails with the credential’s login message after exactly one failed login, for three items', async () => {
		const wrong = await n8n.addCredential(sandboxCredential(sandbox, { password: 'not-the-password' }), 'wrong password');
		const result = await n8n.runNode({ parameters: searchParameters('zz'), credential: wrong, items: [{}, {}, {}] });
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({ name: 'NodeOperationError', context: { itemIndex: 0 } });
		expect(result.error?.message).toContain('TherapyNotes refused the username or password');
		expect(await stats(sandbox)).toMatchObject({ failedLogins: 1, lockouts: 0 });
		expect(await handlerHits(sandbox, 'patients/search')).toBe(0);
	});

	// The session field stays empty after a refusal, so n8n calls preAuthentication again for every
	// item's request: the refusal must be remembered, or each item is one more failed login.
	test('with Continue On Fail: three error items and still exactly one failed login', async () => {
		const wrong = await n8n.addCredential(sandboxCredential(sandbox, { password: 'not-the-password' }), 'wrong password');
		const result = await n8n.runNode({ parameters: searchParameters('zz'), credential: wrong, items: [{}, {}, {}], continueOnFail: true });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of result.items) expect(String(item.json.error)).toContain('TherapyNotes refused the username or password');
		expect(await stats(sandbox)).toMatchObject({ failedLogins: 1, lockouts: 0 });
	});
});
