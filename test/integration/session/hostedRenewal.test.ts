import type { RunningSandbox } from '../../../sandbox/server';
import { admin, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';
import { fetchTransport } from '../../../lib/session';
import { SESSION_PROBE_PATH } from '../../../lib/portal/paths';
import type * as Hosted from '../../../lib/client/hosted';

/**
 * The session memory a host process keeps, as n8n loads it: the credential and every node are
 * separate bundles (here: separate module copies) of one process. n8n 1.x cannot store a session
 * the node logged in with itself, so requests must carry the process's newer one.
 */

type HostedModule = typeof Hosted;

function aBundle(): HostedModule {
	let loaded: HostedModule | undefined;
	jest.isolateModules(() => {
		loaded = jest.requireActual<HostedModule>('../../../lib/client/hosted');
	});
	return loaded as HostedModule;
}

let sandbox: RunningSandbox;
const stats = () => admin(sandbox, 'GET', 'stats');

beforeEach(async () => {
	sandbox = await withSandbox();
	const [bundle] = [aBundle()];
	bundle.forgetHostedSessions();
	bundle.useCrossProcessLogin(null);
});
afterEach(async () => {
	await sandbox.close();
});

function storedFor(session: string | undefined) {
	const c = credentialsFor(sandbox, 'plain');
	return { environment: 'custom' as const, baseUrl: c.baseUrl, practiceCode: c.practiceCode, username: c.username, password: c.password, loginMethod: 'http' as const, session };
}

/** Opens the dashboard with the headers `authenticate` adds; 200 = the session is alive. */
async function pageStatus(hosted: HostedModule, stored: ReturnType<typeof storedFor>): Promise<number> {
	const request = hosted.authenticateWithStoredSession(stored, { url: `${sandbox.url}${SESSION_PROBE_PATH}`, method: 'GET', headers: {} });
	const response = await fetch(request.url, { headers: request.headers as Record<string, string>, redirect: 'manual' });
	await response.text();
	return response.status;
}

test('the credential bundle and a node bundle share one memory: a login made in one is seen by the other', async () => {
	const [credential, node] = [aBundle(), aBundle()];
	credential.useCrossProcessLogin(null);
	const session = await credential.refreshStoredSession(storedFor(''), fetchTransport);
	expect(node.sessionInUse(storedFor(''))).toBe(session);
	expect(await pageStatus(node, storedFor(''))).toBe(200);
	expect((await stats()).logins).toBe(1);
});

test('n8n 1.x: after the stored session ended, the node logs in once and later requests carry the new session', async () => {
	const hosted = aBundle();
	hosted.useCrossProcessLogin(null);
	const dead = await hosted.refreshStoredSession(storedFor(''), fetchTransport);
	await admin(sandbox, 'POST', 'sessions/expire');
	// What n8n 1.x keeps handing to every execution: the stored, now dead, session.
	const stored = storedFor(dead);
	expect(await pageStatus(hosted, stored)).toBe(302);
	await hosted.renewWithoutHost(stored, hosted.sessionInUse(stored), fetchTransport);
	expect(hosted.sessionInUse(stored)).not.toBe(dead);
	expect(await pageStatus(hosted, stored)).toBe(200);
	// A second execution that sent its page with the dead session before the login finished: no second login.
	await hosted.renewWithoutHost(stored, dead, fetchTransport);
	expect(await pageStatus(hosted, stored)).toBe(200);
	const s = await stats();
	expect(s.logins).toBe(2);
	expect(s.sessionsEndedByOtherLogin).toBe(0);
});

test('a stored session newer than this process\'s own (another worker logged in later) is the one used', async () => {
	const workerA = aBundle();
	workerA.useCrossProcessLogin(null);
	const older = await workerA.refreshStoredSession(storedFor(''), fetchTransport);
	await new Promise((resolve) => setTimeout(resolve, 20));
	// Another process: its own memory. Its login ends worker A's session (one session per user).
	delete (globalThis as Record<symbol, unknown>)[Symbol.for('n8n-nodes-therapynotes.hosted-sessions.v1')];
	const workerB = aBundle();
	workerB.useCrossProcessLogin(null);
	const newer = await workerB.refreshStoredSession(storedFor(older), fetchTransport);
	expect(newer).not.toBe(older);
	expect(workerA.sessionInUse(storedFor(newer))).toBe(newer);
	expect(await pageStatus(workerA, storedFor(newer))).toBe(200);
	// And the other way round: worker A's memory holds the older one, the stored one is older still.
	expect(workerA.sessionInUse(storedFor(''))).toBe(older);
});
