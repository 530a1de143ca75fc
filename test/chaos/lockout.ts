import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createN8nHarness } from '../helpers/n8n';
import { RawPortalClient } from '../helpers/portalClient';
import { withSandbox } from '../helpers/sandbox';
import type { RunningSandbox } from '../../sandbox/server';
import { sandboxStats } from './env';

/**
 * Item 3 of issue #9: a credential the portal refuses must cost exactly one login attempt however
 * many items and executions use it (5 failed attempts lock the account), and the error must say
 * what to fix. Each case: a fresh n8n instance, two executions of three items each.
 */
export interface LockoutCase {
	name: string;
	/** What the error must say (what to fix). */
	advice: RegExp;
	credential: (sandbox: RunningSandbox) => ICredentialDataDecryptedObject;
	/** Prepares the sandbox (e.g. locks the account) before the node runs. */
	prepare?: (sandbox: RunningSandbox) => Promise<void>;
}

export interface LockoutOutcome {
	name: string;
	/** Logins begun at the sandbox (the practice-code step opens every login). */
	loginAttempts: number;
	failedLogins: number;
	newLockouts: number;
	items: number;
	messages: string[];
	adviceShown: boolean;
}

const base = (sandbox: RunningSandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	environment: 'custom',
	baseUrl: sandbox.url,
	practiceCode: sandbox.state.demo.practiceCode,
	username: sandbox.state.demo.plainUsername,
	password: sandbox.state.demo.password,
	loginMethod: 'http',
	requestsPerSecond: 50,
	...overrides,
});

/** Locks the front-desk user the way a person would: five wrong passwords at the portal itself. */
async function lockFrontDesk(sandbox: RunningSandbox): Promise<void> {
	for (let i = 0; i < 5; i++) await new RawPortalClient(sandbox.url).login(sandbox.state.demo.practiceCode, sandbox.state.demo.plainUsername, `wrong-${i}`);
}

/** Valid base32 (all zero bits), but not the user's secret: the portal refuses its codes. */
const WRONG_TOTP_SECRET = 'A'.repeat(32);

export const LOCKOUT_CASES: LockoutCase[] = [
	{ name: 'wrong password', advice: /refused the username or password.*Check both in the credential/, credential: (s) => base(s, { password: 'not-the-password' }) },
	{ name: 'wrong practice code', advice: /did not recognise the practice code.*Check the Practice Code field/, credential: (s) => base(s, { practiceCode: 'NoSuchPractice' }) },
	{
		name: 'bad TOTP secret',
		advice: /refused the two-factor code.*Check the TOTP secret/,
		credential: (s) => base(s, { username: s.state.demo.username, totpSecret: WRONG_TOTP_SECRET }),
	},
	{
		name: 'TOTP secret not base32',
		advice: /TOTP secret in the credential is not valid base32/,
		credential: (s) => base(s, { username: s.state.demo.username, totpSecret: 'not base32 at all!' }),
	},
	{ name: 'locked account', advice: /account is locked.*Wait 15 minutes/, credential: (s) => base(s), prepare: lockFrontDesk },
];

const counters = async (sandbox: RunningSandbox) => {
	const stats = await sandboxStats(sandbox);
	return { attempts: Number(stats.requests['session/practicecode'] ?? 0), failed: Number(stats.failedLogins), lockouts: Number(stats.lockouts) };
};

export async function runLockoutCase(testCase: LockoutCase): Promise<LockoutOutcome> {
	const sandbox = await withSandbox({ seed: 3 });
	try {
		await testCase.prepare?.(sandbox);
		const n8n = createN8nHarness();
		const credential = await n8n.addCredential(testCase.credential(sandbox), testCase.name);
		const before = await counters(sandbox);
		const messages: string[] = [];
		for (let execution = 0; execution < 2; execution++) {
			const result = await n8n.runNode({ parameters: { resource: 'patient', operation: 'search', query: 'zz' }, credential, items: [{}, {}, {}], continueOnFail: true });
			messages.push(...result.items.map((item) => String(item.json.error)));
			if (result.error) messages.push(result.error.message);
		}
		const after = await counters(sandbox);
		return {
			name: testCase.name,
			loginAttempts: after.attempts - before.attempts,
			failedLogins: after.failed - before.failed,
			newLockouts: after.lockouts - before.lockouts,
			items: messages.length,
			messages: [...new Set(messages)],
			adviceShown: messages.length === 6 && messages.every((m) => testCase.advice.test(m)),
		};
	} finally {
		await sandbox.close();
	}
}

export async function runLockout(): Promise<LockoutOutcome[]> {
	const out: LockoutOutcome[] = [];
	for (const testCase of LOCKOUT_CASES) out.push(await runLockoutCase(testCase));
	return out;
}
