import type { RunningSandbox } from '../../../sandbox/server';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import type { RawPortalClient } from '../../helpers/portalClient';
import { completedSession, submittedClaims } from '../../helpers/sessions';

const PRACTICE = '/app/practice/';
const TODO = ['/app/todo/loadtodolist.aspx', 2] as const;

let sandbox: RunningSandbox;
/** One client per user per sandbox: a second login of the same user would end the first. */
let frontDesk: RawPortalClient;
beforeAll(async () => {
	sandbox = await withSandbox();
	frontDesk = await loggedInClient(sandbox, 'plain');
});
afterAll(() => sandbox.close());

const store = () => sandbox.state.store;

/** A handler's answer read as the shape a test expects (the sandbox is what is under test). */
async function ask<T>(client: RawPortalClient, path: string, msg: number): Promise<T> {
	return (await client.call(path, msg)) as unknown as T;
}

interface TodoItem {
	Type: string;
	Count: number;
	IDs: number[];
	EncryptedIDs: string[];
}

describe('practice lists', () => {
	const client = () => frontDesk;

	test('clinicians carry id, name, credentials, NPI and supervisor, and no login secret of any kind', async () => {
		const response = await client().request('POST', `${PRACTICE}loadclinicians.aspx?msg=2`, { tnrac: client().tnrac });
		const text = await response.text();
		const answer = JSON.parse(text) as { Clinicians: Record<string, unknown>[] };
		const clinicians = store().users.filter((u) => u.isClinician);
		expect(answer.Clinicians.map((c) => c.ID)).toEqual(clinicians.map((u) => u.id));
		expect(answer.Clinicians).toContainEqual(expect.objectContaining({ ID: 3, Credentials: 'LMSW', SupervisorID: 1, NPI: store().user(3)!.npi }));
		for (const c of answer.Clinicians) expect(Object.keys(c).sort()).toEqual(['Credentials', 'FirstName', 'ID', 'LastName', 'NPI', 'Name', 'SupervisorID']);
		for (const user of store().users) {
			expect(text).not.toContain(user.passwordSha512Hex);
			if (user.totpSecret) expect(text).not.toContain(user.totpSecret);
			expect(text).not.toContain(user.username);
		}
		expect(text).not.toMatch(/password|totp|secret/i);
	});

	test('service codes, locations, payers and practice info match the practice’s records', async () => {
		const codes = (await ask<{ ServiceCodes: unknown[] }>(client(), `${PRACTICE}loadservicecodes.aspx`, 3)).ServiceCodes;
		expect(codes).toHaveLength(store().serviceCodes.length);
		expect(codes).toContainEqual({ Code: '90834', Description: 'Psychotherapy, 45 minutes', DefaultMinutes: 45, Fee: 130 });
		const locations = (await ask<{ Locations: Record<string, unknown>[] }>(client(), `${PRACTICE}loadlocations.aspx`, 4)).Locations;
		expect(locations.map((l) => [l.ID, l.PlaceOfService, l.IsTelehealth])).toEqual([
			[1, '11', false],
			[2, '10', true],
			[3, '02', true],
		]);
		const payers = (await ask<{ Payers: unknown[] }>(client(), `${PRACTICE}loadpayers.aspx`, 5)).Payers;
		expect(payers).toEqual(store().payers.map((p) => ({ ID: p.id, Name: p.name, ElectronicPayerID: p.electronicPayerId })));
		const info = (await ask<{ Practice: unknown }>(client(), `${PRACTICE}loadpracticeinfo.aspx`, 6)).Practice;
		expect(info).toMatchObject({ Name: 'Sandbox Behavioral Health', NPI: store().practice.npi, TaxID: '990000001', Address: { City: 'Springfield', Zip: '627011234' } });
	});
});

describe('To-Do list', () => {
	let supervisor: RawPortalClient;
	beforeAll(async () => {
		// Arrange what the seed does not produce (or not on every day): two notes sent for approval,
		// two claim rejections, a draft of the supervisor's own.
		const supervisedNotes = [...store().notes.values()].filter((n) => n.clinicianId === 3 && n.noteType !== 8).slice(0, 2);
		for (const note of supervisedNotes) note.status = 'awaiting-supervisor';
		const [rejected, pending] = await submittedClaims(sandbox, 2);
		store().claims.get(rejected)!.status = 'Rejected';
		store().claims.get(pending)!.status = 'PendingResubmit';
		await completedSession(sandbox, { signed: false });
		supervisor = await loggedInClient(sandbox, 'demo');
	});

	function expectedIds(userId: number): Record<string, number[]> {
		const notes = [...store().notes.values()].filter((n) => n.noteType !== 8);
		const claims = [...store().claims.values()];
		const supervised = new Set(store().users.filter((u) => u.supervisorId === userId).map((u) => u.id));
		const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
		return {
			IncompleteNotes: ids(notes.filter((n) => n.clinicianId === userId && n.status === 'draft')),
			NotesAwaitingApproval: ids(notes.filter((n) => n.status === 'awaiting-supervisor' && supervised.has(n.clinicianId))),
			SubmitElectronicClaims: ids(claims.filter((c) => c.status === 'Created')),
			ReviewClaimRejections: ids(claims.filter((c) => c.status === 'Rejected' || c.status === 'PendingResubmit')),
			ProcessERAs: ids([...store().eras.values()].filter((e) => e.status === 'Unprocessed')),
		};
	}

	async function itemsOf(client: RawPortalClient): Promise<Record<string, TodoItem>> {
		const answer = await ask<{ Success: boolean; Items: TodoItem[] }>(client, ...TODO);
		expect(answer.Success).toBe(true);
		return Object.fromEntries(answer.Items.map((item) => [item.Type, item]));
	}

	test('the supervisor’s counts and ids match the store, including the approvals of the supervised clinician', async () => {
		const items = await itemsOf(supervisor);
		const expected = expectedIds(1);
		expect(Object.keys(items).sort()).toEqual(Object.keys(expected).sort());
		for (const [type, ids] of Object.entries(expected)) {
			expect(items[type].IDs).toEqual(ids);
			expect(items[type].Count).toBe(ids.length);
		}
		expect(items.NotesAwaitingApproval.Count).toBe(2);
		expect(items.ReviewClaimRejections.Count).toBeGreaterThanOrEqual(2);
		expect(items.IncompleteNotes.Count).toBeGreaterThan(0);
		expect(items.ProcessERAs.Count).toBeGreaterThan(0);
		expect(items.NotesAwaitingApproval.EncryptedIDs[0]).toBe(store().notes.get(expected.NotesAwaitingApproval[0])!.encryptedId);
	});

	test('the front desk has no notes of its own; practice-wide items follow the store as it changes', async () => {
		const before = await itemsOf(frontDesk);
		expect(before.IncompleteNotes.Count).toBe(0);
		expect(before.NotesAwaitingApproval.Count).toBe(0);
		const era = [...store().eras.values()].find((e) => e.status === 'Unprocessed')!;
		era.status = 'Processed';
		const after = await itemsOf(frontDesk);
		expect(after.ProcessERAs.Count).toBe(before.ProcessERAs.Count - 1);
		expect(after.ProcessERAs.IDs).not.toContain(era.id);
	});

	test('the To-Do page shows the same counts in data-testid cells, and needs a session', async () => {
		const items = await itemsOf(supervisor);
		const html = await (await supervisor.request('GET', '/app/todo/')).text();
		expect(html).toContain('data-testid="todo-list"');
		const rows = [...html.matchAll(/<td data-testid="todo-type">([^<]+)<\/td><td data-testid="todo-title">[^<]*<\/td><td data-testid="todo-count">(\d+)<\/td>/g)];
		expect(rows.map((m) => [m[1], Number(m[2])])).toEqual(Object.values(items).map((i) => [i.Type, i.Count]));
		const anonymous = await fetch(`${sandbox.url}/app/todo/`, { redirect: 'manual' });
		expect(anonymous.status).toBe(302);
		expect(anonymous.headers.get('location')).toMatch(/^\/app\/login\//);
	});
});

describe('a sandbox seeded for another day', () => {
	test('its clock runs on that day, so what it stamps agrees with the data it seeded', async () => {
		const past = await withSandbox({ today: '2025-03-10' });
		try {
			expect(String((await admin(past, 'GET', 'stats')).now)).toMatch(/^2025-03-10T\d\d:\d\d$/);
			const patientId = [...past.state.store.patients.keys()][0];
			const made = await admin(past, 'POST', 'act/appointment-create', { patientId, clinicianId: 1, start: '2025-03-09T07:10' });
			await admin(past, 'POST', 'act/appointment-status', { appointmentId: made.id, status: 1 });
			const note = await admin(past, 'POST', 'act/note-create', { appointmentId: made.id, sign: true });
			expect(past.state.store.notes.get(note.id)?.signedAt).toMatch(/^2025-03-10T/);
		} finally {
			await past.close();
		}
	});
});
