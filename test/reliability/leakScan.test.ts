import type { RunningSandbox } from '../../sandbox/server';
import { TherapyNotesError } from '../../lib/session/errors';
import { forbiddenOf, scanLines, type CapturedLine } from '../helpers/leakScan';
import { capture, forbiddenOfFile } from '../helpers/leakScanCapture';
import { loggedInClient, withSandbox } from '../helpers/sandbox';
import { createN8nHarness, shutdownN8n } from '../helpers/n8n';
import { sandboxCredential } from '../integration/node/fixtures';

// Issue #9 item 7: the suite-wide scan must be able to fail. A patient's name, birth date, note
// text, the password or a cookie value planted in a line is reported; lines the suite really
// produced hold none (every test file is scanned after it ran, see jest.config.js).

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await withSandbox();
});
afterAll(async () => {
	await sandbox.close();
	shutdownN8n();
});

const patient = () => [...sandbox.state.store.patients.values()][3];
const line = (text: string, source: CapturedLine['source'] = 'n8n-log'): CapturedLine => ({ source, text });

describe('the scanner', () => {
	test('reports a planted name, birth date (either format), note text and password, by kind, without repeating the value', () => {
		const p = patient();
		const [y, m, d] = p.dob.split('-');
		const note = [...sandbox.state.store.notes.values()].find((n) => n.noteType === 4)!;
		const forbidden = forbiddenOf(sandbox);
		const noteText = forbidden.find((f) => f.kind === 'note text')!.value;
		const lines = [
			line(`therapynotes call op=patients/get ids=${p.id} outcome=ok`, 'audit'),
			line(`Patient ${p.firstName} ${p.lastName} could not be found`, 'error'),
			line(`error meta {"dob":"${m}/${d}/${y}"}`),
			line(`debug ${noteText}`),
			line(`login with ${sandbox.state.demo.password}`, 'stderr'),
			line(`note ${note.id} signed`),
		];
		const hits = scanLines(lines, forbidden);
		expect(hits.map((h) => [h.kind, h.source])).toEqual(expect.arrayContaining([['patient name', 'error'], ['date of birth', 'n8n-log'], ['note text', 'n8n-log'], ['password', 'stderr']]));
		expect(hits.filter((h) => h.source === 'audit')).toEqual([]);
		expect(hits.some((h) => h.excerpt.includes(p.lastName) || h.excerpt.includes(sandbox.state.demo.password))).toBe(false);
		expect(scanLines(lines.filter((l) => l.source === 'audit' || l.text.startsWith('note ')), forbidden)).toEqual([]);
	});

	test('the example code in our own ICD-10 validation message is not taken for a diagnosis; a real one in a log is', () => {
		const forbidden = forbiddenOf(sandbox);
		expect(scanLines([line("Invalid parameter 'note.diagnoses.1': is not an ICD-10 code like F41.1", 'node-error')], forbidden)).toEqual([]);
		expect(scanLines([line('saved note with F41.1 and F43.10')], forbidden).map((h) => h.kind)).toEqual(['diagnosis', 'diagnosis']);
	});
});

describe('the capture of a test file', () => {
	test('an error made with a planted name is captured as it is made, and the scan of the file reports it', async () => {
		const p = patient();
		const before = capture.lines.length;
		const planted = new TherapyNotesError(`planted: ${p.firstName} ${p.lastName}`);
		expect(planted.name).toBe('TherapyNotesError');
		const recorded = capture.lines.slice(before);
		try {
			expect(recorded).toEqual([{ source: 'error', text: `TherapyNotesError: planted: ${p.firstName} ${p.lastName}` }]);
			expect(capture.sandboxes).toContain(sandbox);
			expect(scanLines(recorded, forbiddenOfFile()).map((h) => [h.kind, h.source])).toContainEqual(['patient name', 'error']);
		} finally {
			capture.lines.splice(before, recorded.length); // the plant must not fail this file's own scan
		}
	});

	test('cookie values the sandbox set are among the forbidden values', async () => {
		const client = await loggedInClient(sandbox, 'plain');
		const sessionId = client.cookies.get('ASP.NET_SessionId');
		expect(sessionId).toEqual(expect.any(String));
		const cookies = forbiddenOfFile().filter((f) => f.kind === 'cookie').map((f) => f.value);
		expect(cookies).toContain(sessionId);
		expect(cookies).toContain(client.cookies.get('access-token'));
		expect(scanLines([line(`request failed; cookie ${sessionId}`, 'console')], forbiddenOfFile()).map((h) => h.kind)).toEqual(['cookie']);
	});
});

test('a node run is captured from every source: our audit lines, n8n’s log, node errors with descriptions, our errors', async () => {
	const n8n = createN8nHarness();
	const credential = await n8n.addCredential(sandboxCredential(sandbox));
	const before = capture.lines.length;
	const ok = await n8n.runNode({ parameters: { resource: 'practice', operation: 'getInfo' }, credential });
	const failed = await n8n.runNode({ parameters: { resource: 'claim', operation: 'get', claimId: '99999999' }, credential });
	expect([ok.status, failed.status]).toEqual(['success', 'error']);
	const lines = capture.lines.slice(before);
	const sources = new Set(lines.map((l) => l.source));
	expect([...sources].sort()).toEqual(expect.arrayContaining(['audit', 'error', 'n8n-log', 'node-error']));
	expect(lines).toContainEqual({ source: 'node-error', text: "NodeOperationError: TherapyNotes refused 'claims/get': The claim could not be found. | TherapyNotes code: NotFound" });
	expect(lines.some((l) => l.source === 'audit' && /^therapynotes call op=practice\/info /.test(l.text))).toBe(true);
	expect(lines.some((l) => l.source === 'n8n-log' && l.text.includes('[node parameters]'))).toBe(true);
});
