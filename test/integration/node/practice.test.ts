import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INodeCredentialsDetails, type INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import { createN8nHarness, NODE_UNDER_TEST, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { createAdditionalData, createHooks } from '../../helpers/n8n/additionalData';
import { HarnessNodeTypes } from '../../helpers/n8n/nodeTypes';
import { buildWorkflowData } from '../../helpers/n8n/runNode';
import { admin, withSandbox } from '../../helpers/sandbox';
import { loadOptionsMethods } from '../../../nodes/TherapyNotes/methods/loadOptions';
import { searchAppointments, searchClinicians } from '../../../nodes/TherapyNotes/methods/listSearch';
import { handlerHits, sandboxCredential, setFaults, stats } from './fixtures';

// Practice operations run by n8n-core's WorkflowExecute, and the node's dropdown and picker
// methods run in n8n-core's LoadOptionsContext (what the editor's "load options" request uses).

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox));
});
afterEach(async () => {
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const practice = (operation: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'practice', operation, ...extra });
const run = (parameters: INodeParameters, continueOnFail = false) => n8n.runNode({ parameters, credential, continueOnFail });
const store = () => sandbox.state.store;

/** The context n8n gives a loadOptions / listSearch method, for the node as it sits in a workflow. */
function loadOptionsContext(parameters: INodeParameters): LoadOptionsContext {
	const workflowData = buildWorkflowData({ parameters, credential });
	const workflow = new Workflow({ id: workflowData.id, nodes: workflowData.nodes, connections: workflowData.connections, active: false, nodeTypes: new HarnessNodeTypes(), settings: workflowData.settings });
	const additionalData = createAdditionalData(n8n.credentialsHelper, createHooks('internal', 'load-options', workflowData, { nodeExecutionOrder: [] }), 'load-options');
	additionalData.currentNodeParameters = parameters;
	return new LoadOptionsContext(workflow, workflow.getNode(NODE_UNDER_TEST)!, additionalData, 'parameters');
}

describe('practice: reference lists', () => {
	test.each([
		['getClinicians', () => store().users.filter((u) => u.isClinician).length, 'practice/clinicians'],
		['getServiceCodes', () => store().serviceCodes.length, 'practice/servicecodes'],
		['getLocations', () => store().locations.length, 'practice/locations'],
		['getPayers', () => store().payers.length, 'practice/payers'],
		['getTodoList', () => 5, 'todo/list'],
	])('%s: one item per row, paired with the input item', async (operation, count, handler) => {
		const result = await run(practice(operation));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(count());
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(await handlerHits(sandbox, handler)).toBe(1);
	});

	test('service codes carry the fee in cents; clinicians no login fields', async () => {
		const codes = await run(practice('getServiceCodes'));
		expect(codes.items.find((i) => i.json.code === '90837')?.json).toEqual({ code: '90837', description: 'Psychotherapy, 60 minutes', defaultMinutes: 60, feeCents: 16000 });
		const clinicians = await run(practice('getClinicians'));
		expect(Object.keys(clinicians.items[0].json).sort()).toEqual(['credentials', 'firstName', 'id', 'lastName', 'name', 'npi', 'supervisorId']);
	});

	test('practice info is one item; the To-Do list is the credential user’s (front desk: no notes)', async () => {
		const info = await run(practice('getInfo'));
		expect(info.items.map((i) => i.json)).toEqual([expect.objectContaining({ id: store().practice.id, npi: store().practice.npi })]);
		const todo = await run(practice('getTodoList'));
		expect(todo.items[0].json).toMatchObject({ userId: 2, type: 'IncompleteNotes', count: 0 });
		const claims = store().claims;
		const created = [...claims.values()].filter((c) => c.status === 'Created').length;
		expect(todo.items.find((i) => i.json.type === 'SubmitElectronicClaims')?.json.count).toBe(created);
	});

	test('note templates of one type', async () => {
		const result = await run(practice('getNoteTemplates', { noteType: 'progressNote' }));
		const expected = store().noteTemplates.filter((t) => t.noteType === 4);
		expect(result.items.map((i) => i.json.id)).toEqual(expected.map((t) => t.id));
		expect(result.items.every((i) => i.json.noteType === 'progressNote')).toBe(true);
	});

	test('a portal 500 fails the node after retries; with Continue On Fail it is an error item', async () => {
		await setFaults(sandbox, [{ handler: 'practice/payers', fault: '5xx' }]);
		const failed = await run(practice('getPayers'));
		expect(failed.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		const continued = await run(practice('getPayers'), true);
		expect(continued.items).toEqual([{ json: { error: "TherapyNotes answered 'practice/payers' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } }]);
	});
});

describe('practice: healthcheck', () => {
	test('healthy: one item, every area ok and timed', async () => {
		const result = await run(practice('healthcheck'));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const report = result.items[0].json as { ok: boolean; areas: { area: string; ok: boolean; ms: number }[] };
		expect(report.ok).toBe(true);
		expect(report.areas[0].area).toBe('login');
		expect(report.areas.length).toBeGreaterThanOrEqual(10);
		expect(report.areas.every((a) => a.ok && typeof a.ms === 'number')).toBe(true);
	});

	test('an area with a changed shape or a 500 is reported, and the node does not fail', async () => {
		await setFaults(sandbox, [
			{ handler: 'scheduling/loadschedule', fault: 'drift' },
			{ handler: 'todo/list', fault: '5xx' },
		]);
		const result = await run(practice('healthcheck'));
		expect(result.status).toBe('success');
		const areas = (result.items[0].json as { areas: { area: string; problem?: string }[] }).areas;
		expect(result.items[0].json.ok).toBe(false);
		expect(areas.find((a) => a.area === 'schedule')?.problem).toBe('changed shape: scheduling/loadschedule CalendarItems');
		expect(areas.find((a) => a.area === 'todo')?.problem).toBe('PortalHttpError 500');
		expect(areas.filter((a) => a.problem).map((a) => a.area).sort()).toEqual(['schedule', 'todo']);
	});

	const wrongPassword = async () => {
		const bad = await n8n.addCredential(sandboxCredential(sandbox, { password: 'wrong-password' }), 'bad');
		const result = await n8n.runNode({ parameters: practice('healthcheck'), credential: bad });
		return { result, areas: (result.items[0]?.json.areas ?? []) as { area: string; ok: boolean; problem?: string }[] };
	};

	test('a wrong password: the node does not fail, and no area after the login is tried', async () => {
		const { result, areas } = await wrongPassword();
		expect(result.status).toBe('success');
		expect(result.items[0].json.ok).toBe(false);
		expect(areas[0]).toMatchObject({ area: 'login', ok: false });
		expect(areas.slice(1).every((a) => a.problem === 'not checked: the login failed or the portal is unreachable')).toBe(true);
		expect(await handlerHits(sandbox, 'patients/list')).toBe(0);
	});

	// n8n-core wraps the LoginError of preAuthentication in a NodeApiError; the transport finds it
	// in the cause chain so the pipeline never retries it (a retry would lock the account).
	test('a wrong password: exactly one failed login, named as such', async () => {
		const { areas } = await wrongPassword();
		expect(areas[0]).toMatchObject({ area: 'login', ok: false, problem: 'LoginError credentials' });
		expect(await stats(sandbox)).toMatchObject({ loginAttempts: 1, lockouts: 0 });
	});
});

describe('practice: dropdowns and pickers (loadOptions, listSearch)', () => {
	test('the five loadOptions methods other operations name', async () => {
		const context = loadOptionsContext(practice('getClinicians'));
		expect(Object.keys(loadOptionsMethods).sort()).toEqual(['getClinicians', 'getLocations', 'getNoteTemplates', 'getPayers', 'getServiceCodes']);
		const clinicians = await loadOptionsMethods.getClinicians.call(context);
		expect(clinicians.map((o) => o.value)).toEqual(store().users.filter((u) => u.isClinician).map((u) => u.id));
		const codes = await loadOptionsMethods.getServiceCodes.call(context);
		expect(codes.find((o) => o.value === '90834')).toEqual({ name: '90834 – Psychotherapy, 45 minutes', value: '90834', description: '45 min, fee 130.00' });
		expect((await loadOptionsMethods.getPayers.call(context)).map((o) => o.value)).toEqual(store().payers.map((p) => p.id));
		expect((await loadOptionsMethods.getLocations.call(context))[0]).toMatchObject({ value: 1, description: 'Place of service 11' });
		expect(await loadOptionsMethods.getNoteTemplates.call(context)).toHaveLength(store().noteTemplates.length);
		expect((await stats(sandbox)).logins).toBe(1);
	});

	test('note templates follow the node’s own noteType parameter', async () => {
		const context = loadOptionsContext(practice('getNoteTemplates', { noteType: 'progressNote' }));
		const templates = await loadOptionsMethods.getNoteTemplates.call(context);
		expect(templates.map((t) => t.value)).toEqual(store().noteTemplates.filter((t) => t.noteType === 4).map((t) => t.id));
	});

	test('searchClinicians filters by name', async () => {
		const supervised = store().users.find((u) => u.id === 3)!;
		const result = await searchClinicians.call(loadOptionsContext(practice('getClinicians')), supervised.lastName.toLowerCase());
		expect(result.results.map((r) => r.value)).toContain('3');
		expect(result.results.every((r) => r.name.toLowerCase().includes(supervised.lastName.toLowerCase()))).toBe(true);
	});

	test('searchAppointments: the next 14 days, by patient name, soonest first', async () => {
		const today = new Date().toISOString().slice(0, 10);
		await admin(sandbox, 'POST', 'reset', { today });
		const last = new Date(Date.parse(`${today}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10);
		const inWindow = [...store().appointments.values()].filter((a) => a.start.slice(0, 10) >= today && a.start.slice(0, 10) <= last);
		const patient = store().patients.get(inWindow.find((a) => a.patientIds.length === 1)!.patientIds[0])!;
		const expected = inWindow.filter((a) => a.patientIds.some((id) => store().patients.get(id)!.lastName.toLowerCase().includes(patient.lastName.toLowerCase())));
		const result = await searchAppointments.call(loadOptionsContext(practice('getClinicians')), patient.lastName);
		expect(result.results.map((r) => Number(r.value)).sort((a, b) => a - b)).toEqual(expected.map((a) => a.id).sort((a, b) => a - b));
		expect(result.results.length).toBeGreaterThan(0);
		const names = result.results.map((r) => r.name);
		expect([...names].sort()).toEqual(names);
		expect(await handlerHits(sandbox, 'scheduling/loadschedule')).toBe(1);
	});
});
