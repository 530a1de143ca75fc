import type { RunningSandbox } from '../../../sandbox/server';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import type { RawPortalClient } from '../../helpers/portalClient';

let sandbox: RunningSandbox;
let client: RawPortalClient;
beforeAll(async () => {
	sandbox = await withSandbox();
	client = await loggedInClient(sandbox);
});
afterAll(() => sandbox.close());

describe('bad requests get the portal-style error answer, never a crash', () => {
	const cases: [string, number, Record<string, string>, RegExp][] = [
		['/app/scheduling/loadschedule.aspx', 7, { requestset: '{not json' }, /'requestset' is not valid JSON/],
		['/app/scheduling/loadschedule.aspx', 7, { requestset: '[{"StartDate":"13/45/2026","EndDate":"01/01/2027"}]' }, /requestset\[0\]\.StartDate/],
		['/app/scheduling/loadschedule.aspx', 7, { requestset: '[{"StartDate":"01/01/2026","EndDate":"12/31/2026"}]' }, /more than 62 days/],
		['/app/scheduling/savecalendarentry.aspx', 25, { entry: '{"ID":-1,"Type":1,"StartDate":"11/30/2026","StartTime":"25:00PM","Duration":45,"Clinician":1,"Patients":[1001],"ServiceCode":"90834"}' }, /entry\.StartTime/],
		['/app/scheduling/savecalendarentry.aspx', 25, { entry: '"just a string"' }, /'entry' must be an object/],
		['/app/patients/savepatient.aspx', 8, { patient: '{"ID":-1,"FirstName":"A","LastName":"B","DOB":"02/30/1990"}' }, /patient\.DOB/],
		['/app/patients/savepatient.aspx', 8, { patient: '{"ID":-1,"FirstName":"A\\u0007","LastName":"B","DOB":"02/03/1990"}' }, /control characters/],
		['/app/patients/loadpatient.aspx', 2, { patientid: 'no-such-id' }, /could not be found/],
		['/app/patients/loadpatientlist.aspx', 5, { page: 'x' }, /'page' must be a whole number/],
		['/app/patients/insurance/savepolicy.aspx', 4, { policy: '{"PatientID":1001,"Priority":"Quaternary","PayerID":1,"MemberID":"M1"}' }, /policy\.Priority/],
	];

	test.each(cases)('%s?msg=%i %j', async (path, msg, fields, message) => {
		const answer = await client.call(path, msg, fields);
		expect(answer.Success).toBe(false);
		expect(answer.Result).toBe(0);
		expect(String(answer.ErrorMessage)).toMatch(message);
	});

	test('an unknown msg number and an oversized body do not crash the server', async () => {
		const unknown = await client.request('POST', '/app/patients/loadpatient.aspx?msg=999', { tnrac: client.tnrac });
		expect(unknown.status).toBe(404);
		const huge = await client.request('POST', '/app/patients/savepatient.aspx?msg=8', { tnrac: client.tnrac, patient: 'x'.repeat(17 * 1024 * 1024) });
		expect(huge.status).toBe(413);
		expect((await admin(sandbox, 'GET', 'stats')).records.patients).toBe(sandbox.state.store.patients.size);
		expect((await client.call('/app/patients/loadpatientlist.aspx', 5, { page: '1' })).PageCount).toBeGreaterThan(0);
	});

	test('a refused write leaves nothing half-written', async () => {
		const before = sandbox.state.store.audit.length;
		const answer = await client.call('/app/patients/savepatient.aspx', 8, { patient: '{"ID":-1,"FirstName":"A","LastName":"B","DOB":"02/03/1990","Email":"not-an-email"}' });
		expect(answer.ErrorMessage).toMatch(/patient\.Email/);
		expect(sandbox.state.store.audit.length).toBe(before);
		const existing = [...sandbox.state.store.patients.values()][0];
		const snapshot = structuredClone(existing);
		const update = await client.call('/app/patients/savepatient.aspx', 8, { patient: JSON.stringify({ ID: existing.id, FirstName: 'Changed', Email: 'bad' }) });
		expect(update.ErrorMessage).toMatch(/patient\.Email/);
		expect(sandbox.state.store.patients.get(existing.id)).toEqual(snapshot);
	});
});
