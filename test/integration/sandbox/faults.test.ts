import type { RunningSandbox } from '../../../sandbox/server';
import { admin, loggedInClient, sandboxDay, withSandbox } from '../../helpers/sandbox';
import type { RawPortalClient } from '../../helpers/portalClient';

let sandbox: RunningSandbox;
let client: RawPortalClient;
beforeEach(async () => {
	sandbox = await withSandbox();
	client = await loggedInClient(sandbox);
});
afterEach(() => sandbox.close());

const SEARCH = '/app/common/searchforpatient.aspx';
const faults = (rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });
const newPatient = (externalId: string) =>
	JSON.stringify({ ID: -1, FirstName: 'Synthetic', LastName: 'Person', DOB: '01/02/1990', ExternalID: externalId });

describe('sandbox fault injection, per handler', () => {
	test('5xx answers the ASP.NET error page with the configured status, only for the named handler', async () => {
		await faults([{ handler: 'patients/search', fault: '5xx', status: 503, count: 1 }]);
		const failed = await client.request('POST', `${SEARCH}?msg=20`, { tnrac: client.tnrac, searchquery: 'ab' });
		expect(failed.status).toBe(503);
		expect(await failed.text()).toContain("Server Error in '/' Application.");
		const list = await client.call('/app/patients/loadpatientlist.aspx', 5, { page: '1' });
		expect(list.PageCount).toBeGreaterThanOrEqual(1);
		const retried = await client.request('POST', `${SEARCH}?msg=20`, { tnrac: client.tnrac, searchquery: 'ab' });
		expect(retried.status).toBe(200);
		expect((await admin(sandbox, 'GET', 'stats')).faults['5xx']).toBe(1);
	});

	test('429 carries Retry-After', async () => {
		await faults([{ handler: 'patients/*', fault: '429', retryAfterSeconds: 7, count: 1 }]);
		const response = await client.request('POST', `${SEARCH}?msg=20`, { tnrac: client.tnrac, searchquery: 'ab' });
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('7');
	});

	test('commit-then-drop: the write happens but the connection is cut', async () => {
		await faults([{ handler: 'patients/save', fault: 'drop', count: 1 }]);
		await expect(client.call('/app/patients/savepatient.aspx', 8, { patient: newPatient('DROP-1') })).rejects.toThrow();
		const stored = await admin(sandbox, 'GET', 'records/patients?externalId=DROP-1');
		expect(stored.count).toBe(1);
		const again = await client.call('/app/patients/savepatient.aspx', 8, { patient: newPatient('DROP-1') });
		expect(again).toMatchObject({ Success: false, ErrorCode: 'DuplicateExternalId', ExistingID: stored.rows[0].id });
	});

	test('forced expiry: the handler answers 200 with the login page and the session is gone', async () => {
		await faults([{ handler: 'patients/search', fault: 'expire', count: 1 }]);
		const answer = await client.call(SEARCH, 20, { searchquery: 'ab' });
		expect(String(answer.__text)).toContain('id="login-form"');
		expect((await client.request('GET', '/app/dashboard/')).status).toBe(302);
	});

	test('latency delays the answer by at least the configured time', async () => {
		await faults([{ handler: 'patients/search', fault: 'latency', latencyMs: 300 }]);
		const started = Date.now();
		await client.call(SEARCH, 20, { searchquery: 'ab' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	test('a rate applies to roughly that share of requests, reproducibly for a seed', async () => {
		const run = async () => {
			await admin(sandbox, 'POST', 'faults', { seed: 42, rules: [{ handler: '*', fault: '5xx', rate: 0.3 }] });
			const statuses: number[] = [];
			for (let i = 0; i < 60; i++) {
				statuses.push((await client.request('POST', `${SEARCH}?msg=20`, { tnrac: client.tnrac, searchquery: 'ab' })).status);
			}
			return statuses;
		};
		const first = await run();
		const failures = first.filter((s) => s === 500).length;
		expect(failures).toBeGreaterThan(8);
		expect(failures).toBeLessThan(30);
		expect(await run()).toEqual(first);
	});

	test('drift renames every JSON field and every data-testid, the way a portal release would', async () => {
		await faults([{ handler: 'patients/list', fault: 'drift' }, { handler: 'page/calendar', fault: 'drift' }]);
		const list = await client.call('/app/patients/loadpatientlist.aspx', 5, { page: '1' });
		expect(list.Matches).toBeUndefined();
		expect(Array.isArray(list.results)).toBe(true);
		expect(Object.keys((list.results as object[])[0])).toEqual(expect.arrayContaining(['id', 'encryptedId', 'firstName']));
		const page = await (await client.request('GET', `/app/scheduling/calendar/?date=${sandboxDay(sandbox, -6)}`)).text();
		expect(page).not.toContain('data-testid=');
		expect(page).toContain('data-qa="calendar_day"');
		const search = await client.call(SEARCH, 20, { searchquery: 'zz' });
		expect(search).toHaveProperty('Matches');
	});

	test('bad fault settings are refused naming the field', async () => {
		const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ rules: [{ handler: '*', fault: 'explode' }] }),
		});
		expect(response.status).toBe(400);
		expect(((await response.json()) as { error: string }).error).toContain('rules[0].fault');
	});
});
