import type { IDataObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness, type RunNodeResult } from '../helpers/n8n';
import { PolledTrigger } from '../helpers/n8n/poll';
import { admin, sandboxDay, withSandbox } from '../helpers/sandbox';
import { capture } from '../helpers/leakScanCapture';
import { cookieValuesOf, sandboxCredential } from '../integration/node/fixtures';

// Issue #9 item 8: the portal session (cookies and page token) lives only in n8n's encrypted
// credential store. After real runs — successes, errors, error items, binary output, trigger
// polls — none of its values is in the execution data n8n saves (run data, error, pairedItem,
// binary) or in the workflow's static data, and the stored row is ciphertext.

jest.setTimeout(120_000);

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeAll(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox));
});
afterAll(async () => {
	await sandbox.close();
	shutdownN8n();
});

const store = () => sandbox.state.store;
const run = (parameters: INodeParameters, extra: { items?: IDataObject[]; continueOnFail?: boolean } = {}) => n8n.runNode({ parameters, credential, ...extra });

/** What n8n would save of an execution, with binary data decoded so its content is searched too. */
function savedExecution(result: RunNodeResult): string {
	const binaries = result.items.flatMap((item) => Object.values(item.binary ?? {}).map((b) => Buffer.from(b.data, 'base64').toString('utf8')));
	return [JSON.stringify(result.run ?? {}), JSON.stringify(result.error ?? {}), ...binaries].join('\n');
}

/** The session's secrets as stored: every cookie value and the page token, plus every cookie the sandbox set. */
async function sessionSecrets(): Promise<string[]> {
	const session = String((await n8n.store.decrypt(credential.id as string)).session);
	const state = JSON.parse(session) as { requestToken?: string };
	return [...new Set([...cookieValuesOf(session), String(state.requestToken ?? ''), ...capture.cookies])].filter((value) => value.length >= 8);
}

test('after action runs and trigger polls, the session is in the encrypted store only', async () => {
	const patient = [...store().patients.values()][0];
	const era = [...store().eras.values()].find((e) => e.uploadedText === null)!;
	const executions: RunNodeResult[] = [
		await run({ resource: 'patient', operation: 'get', patientId: { __rl: true, mode: 'id', value: String(patient.id) }, output: 'all' }, { items: [{}, {}] }),
		await run({ resource: 'era', operation: 'download', eraId: String(era.id) }),
		await run({ resource: 'patient', operation: 'get', patientId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, { items: [{ id: 999999 }, { id: patient.id }], continueOnFail: true }),
		await run({ resource: 'claim', operation: 'get', claimId: '99999999' }),
		await run({ resource: 'practice', operation: 'healthcheck' }),
	];
	// An expired session renewed by n8n's refresh path between executions: the new one must not leak either.
	await admin(sandbox, 'POST', 'sessions/expire');
	executions.push(await run({ resource: 'practice', operation: 'getInfo' }));
	expect(executions.map((e) => e.status)).toEqual(['success', 'success', 'success', 'error', 'success', 'success']);
	expect(executions[1].items[0].binary?.data).toBeDefined();
	expect(executions[2].items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);

	const triggers = [new PolledTrigger(n8n.credentialsHelper, { event: 'patientCreated' }, credential), new PolledTrigger(n8n.credentialsHelper, { event: 'appointmentStatusChanged' }, credential)];
	for (const trigger of triggers) await trigger.poll();
	await admin(sandbox, 'POST', 'act/patient-create', {});
	const scheduled = [...store().appointments.values()].find((a) => a.status === 0 && a.start >= sandboxDay(sandbox, 1))!;
	await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: scheduled.id, status: 2, chargeFee: true });
	const emitted = [];
	for (const trigger of triggers) {
		emitted.push(...((await trigger.poll()) ?? []));
		trigger.restart(); // as after an n8n restart: only the saved static data survives
		await trigger.poll();
	}
	expect(emitted.map((item) => item.json.event)).toEqual(['patientCreated', 'appointmentStatusChanged']);

	const secrets = await sessionSecrets();
	expect(secrets.length).toBeGreaterThanOrEqual(4);
	const places: Record<string, string> = {
		...Object.fromEntries(executions.map((e, i) => [`execution ${i + 1}`, savedExecution(e)])),
		...Object.fromEntries(triggers.map((t, i) => [`trigger ${i + 1} static data`, JSON.stringify(t.savedStaticData())])),
		'trigger events': JSON.stringify(emitted),
		'credential row at rest': n8n.store.rawData(credential.id as string),
		'credential writes at rest': n8n.store.writes.map((w) => w.data).join('\n'),
	};
	const found = Object.entries(places).flatMap(([place, text]) => secrets.filter((secret) => text.includes(secret)).map(() => place));
	process.stdout.write(`SESSION_AT_REST secrets=${secrets.length} places_scanned=${Object.keys(places).length} found=${found.length} credential_writes=${n8n.store.writes.length}\n`);
	expect(found).toEqual([]);
	// The same search finds them where they belong: the decrypted credential holds the current session.
	const decrypted = JSON.stringify(await n8n.store.decrypt(credential.id as string));
	const current = cookieValuesOf((await n8n.store.decrypt(credential.id as string)).session);
	expect(current.length).toBeGreaterThanOrEqual(2);
	expect(current.filter((value) => value.length >= 8).every((value) => secrets.includes(value) && decrypted.includes(value))).toBe(true);
	expect(n8n.store.writes.length).toBeGreaterThanOrEqual(2);
});
