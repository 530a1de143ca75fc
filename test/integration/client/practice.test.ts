import type { RunningSandbox } from '../../../sandbox/server';
import { admin, withSandbox } from '../../helpers/sandbox';
import { credentialsFor, type Who } from '../../helpers/session';
import { createStandaloneClient, InvalidInputError, type TherapyNotesClient } from '../../../lib/client';
import type { LoginCredentials } from '../../../lib/session';

let sandbox: RunningSandbox;

beforeEach(async () => {
	sandbox = await withSandbox();
});
afterEach(async () => {
	await sandbox.close();
});

/** One client per portal user per sandbox (the one-session rule). */
const clientAs = (who: Who, overrides: Partial<LoginCredentials> = {}): TherapyNotesClient =>
	createStandaloneClient({ credentials: credentialsFor(sandbox, who, overrides), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
const stats = () => admin(sandbox, 'GET', 'stats');
const faults = (rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });
const store = () => sandbox.state.store;

describe('practice: reference lists', () => {
	test('clinicians: every clinician, and no login, password or secret field at all', async () => {
		const clinicians = await clientAs('plain').practice.clinicians();
		const expected = store().users.filter((u) => u.isClinician);
		expect(clinicians.map((c) => c.id)).toEqual(expected.map((u) => u.id));
		expect(Object.keys(clinicians[0]).sort()).toEqual(['credentials', 'firstName', 'id', 'lastName', 'name', 'npi', 'supervisorId']);
		expect(clinicians.find((c) => c.id === 3)).toMatchObject({ supervisorId: 1, credentials: 'LMSW' });
		expect(JSON.stringify(clinicians)).not.toContain(sandbox.state.demo.totpSecret);
	});

	test('service codes with the fee in cents', async () => {
		const codes = await clientAs('plain').practice.serviceCodes();
		expect(codes.find((c) => c.code === '90834')).toEqual({ code: '90834', description: 'Psychotherapy, 45 minutes', defaultMinutes: 45, feeCents: 13000 });
		expect(codes).toHaveLength(store().serviceCodes.length);
	});

	test('locations with place of service, payers and practice info', async () => {
		const client = clientAs('plain');
		const locations = await client.practice.locations();
		expect(locations.map((l) => [l.id, l.placeOfService, l.isTelehealth])).toEqual(store().locations.map((l) => [l.id, l.placeOfService, l.placeOfService !== '11']));
		const payers = await client.practice.payers();
		expect(payers).toEqual(store().payers.map((p) => ({ id: p.id, name: p.name, electronicPayerId: p.electronicPayerId })));
		const info = await client.practice.info();
		expect(info).toMatchObject({ id: store().practice.id, code: store().practice.code, npi: store().practice.npi, taxId: store().practice.taxId });
	});

	test('note templates, all or of one type, with their text under element names', async () => {
		const client = clientAs('plain');
		const all = await client.practice.noteTemplates();
		expect(all).toHaveLength(store().noteTemplates.length);
		const progress = await client.practice.noteTemplates({ noteType: 'progressNote' });
		expect(progress.length).toBeGreaterThan(0);
		expect(progress.every((t) => t.noteType === 'progressNote')).toBe(true);
		expect(progress.find((t) => t.name === 'Standard SOAP')?.content).toMatchObject({ subjective: 'Client reports: ', plan: 'Continue weekly sessions.' });
		const error = await client.practice.noteTemplates({ noteType: 'poem' as never }).catch((e: unknown) => e);
		expect((error as InvalidInputError).field).toBe('filter.noteType');
		expect(Number((await stats()).requests?.['notes/templates'] ?? 0)).toBe(2);
	});

	test('the To-Do list is the logged-in user’s', async () => {
		const todo = await clientAs('demo').practice.todoList();
		expect(todo.userId).toBe(1);
		expect(todo.items.map((i) => i.type)).toEqual(['IncompleteNotes', 'NotesAwaitingApproval', 'SubmitElectronicClaims', 'ReviewClaimRejections', 'ProcessERAs']);
		const drafts = [...store().notes.values()].filter((n) => n.clinicianId === 1 && n.status === 'draft' && n.noteType !== 8);
		expect(todo.items[0]).toMatchObject({ recordKind: 'note', count: drafts.length });
		expect(todo.items[0].ids.sort((a, b) => a - b)).toEqual(drafts.map((n) => n.id).sort((a, b) => a - b));
		const plain = await clientAs('plain').practice.todoList();
		expect(plain.userId).toBe(2);
		expect(plain.items[0].count).toBe(0);
	});
});

describe('practice: healthcheck', () => {
	test('logs in and reads one page of every area, each timed', async () => {
		const report = await clientAs('plain').practice.healthcheck({ today: '2026-11-26' });
		expect(report.ok).toBe(true);
		expect(report.areas.map((a) => a.area)).toEqual(expect.arrayContaining(['login', 'patients', 'schedule', 'notes', 'claims', 'eras', 'clinicians', 'serviceCodes', 'locations', 'payers', 'noteTemplates', 'todo']));
		expect(report.areas.every((a) => a.ok && a.ms >= 0 && a.problem === undefined)).toBe(true);
		const requests = (await stats()).requests as Record<string, number>;
		expect(requests['patients/list']).toBe(1);
		expect(requests['scheduling/loadschedule']).toBe(1);
		expect([requests['claims/search'], requests['eras/search'], requests['todo/list']]).toEqual([1, 1, 1]);
		expect((await stats()).logins).toBe(1);
	});

	test('a changed answer is named by handler and field; a 500 by class; the other areas still run', async () => {
		await faults([
			{ handler: 'notes/list', fault: 'drift' },
			{ handler: 'practice/payers', fault: '5xx' },
		]);
		const report = await clientAs('plain').practice.healthcheck();
		const area = (name: string) => report.areas.find((a) => a.area === name)!;
		expect(report.ok).toBe(false);
		expect(area('notes')).toMatchObject({ ok: false, problem: 'changed shape: notes/list Notes' });
		expect(area('payers')).toMatchObject({ ok: false, problem: 'PortalHttpError 500' });
		expect(area('todo').ok).toBe(true);
		expect(area('patients').ok).toBe(true);
	});

	test('a failed login is reported once and nothing else is tried', async () => {
		const report = await clientAs('plain', { password: 'wrong-password' }).practice.healthcheck();
		expect(report.areas[0]).toMatchObject({ area: 'login', ok: false, problem: 'LoginError credentials' });
		expect(report.areas.slice(1).every((a) => !a.ok && a.problem === 'not checked: the login failed or the portal is unreachable')).toBe(true);
		expect((await stats()).loginAttempts).toBe(1);
	});

	test('a bad date is refused before logging in', async () => {
		const error = await clientAs('plain').practice.healthcheck({ today: '2026-13-01' }).catch((e: unknown) => e);
		expect((error as InvalidInputError).field).toBe('options.today');
		expect((await stats()).loginAttempts).toBe(0);
	});
});
