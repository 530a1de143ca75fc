import type { INodeCredentialsDetails } from 'n8n-workflow';
import type { RunningSandbox } from '../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../helpers/n8n';
import { admin, withSandbox } from '../helpers/sandbox';

/**
 * One chaos "installation": an in-process sandbox and one n8n instance (credential store and
 * n8n-core's engine) holding a credential of the demo clinician, who may write every kind of
 * record the run touches (notes need their own clinician). Requests per second is raised to the
 * credential's maximum: the default 10 would make 5,000 operations take many minutes.
 */
export interface ChaosEnv {
	sandbox: RunningSandbox;
	n8n: N8nHarness;
	credential: INodeCredentialsDetails;
	close(): Promise<void>;
}

export const MAX_REQUESTS_PER_SECOND = 50;

export async function startChaosEnv(seed = 7): Promise<ChaosEnv> {
	const sandbox = await withSandbox({ seed });
	const n8n = createN8nHarness();
	const demo = sandbox.state.demo;
	const credential = await n8n.addCredential({
		environment: 'custom',
		baseUrl: sandbox.url,
		practiceCode: demo.practiceCode,
		username: demo.username,
		password: demo.password,
		totpSecret: demo.totpSecret,
		loginMethod: 'http',
		requestsPerSecond: MAX_REQUESTS_PER_SECOND,
	});
	return {
		sandbox,
		n8n,
		credential,
		close: async () => {
			await sandbox.close();
		},
	};
}

/** Removes n8n's temporary user folder; once per process, after every env is closed. */
export const shutdownChaos = (): void => shutdownN8n();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- sandbox records are free-form test data
export type Row = Record<string, any>;

/** Every record of a kind, through the admin API (not the sandbox's memory), as the brief asks. */
export async function recordsOf(sandbox: RunningSandbox, kind: string, query = ''): Promise<Row[]> {
	const answer = await admin(sandbox, 'GET', `records/${kind}?limit=1000000${query ? `&${query}` : ''}`);
	return answer.rows as Row[];
}

export const sandboxStats = (sandbox: RunningSandbox) => admin(sandbox, 'GET', 'stats');

export async function auditEntries(sandbox: RunningSandbox, since = 0): Promise<Row[]> {
	return (await admin(sandbox, 'GET', `audit?since=${since}`)).entries as Row[];
}

export const setFaultRules = (sandbox: RunningSandbox, rules: unknown[], seed?: number) => admin(sandbox, 'POST', 'faults', seed === undefined ? { rules } : { rules, seed });
