import type { RunningSandbox } from '../../sandbox/server';
import { RESOURCES } from '../../nodes/TherapyNotes/actions/resources';
import { createN8nHarness, shutdownN8n, type RunNodeResult } from '../helpers/n8n';
import { sandboxCredential } from '../integration/node/fixtures';
import { withSandbox } from '../helpers/sandbox';
import { handlersDuring, isLoginHandler, namesFor, SANDBOX_HANDLERS, withDrift } from './drift/handlers';
import { HEALTHCHECK, MONEY_CASES } from './drift/moneyCases';
import { RECORD_CASES, type OperationCase } from './drift/recordCases';
import { World } from './drift/world';

// Issue #9 item 5: a portal release that renames what we parse ("drift", sandbox/drift.ts) must
// make every operation fail with PortalChangedError naming the handler, and return no item. The
// handlers an operation reads are taken from the sandbox's own request counts of a clean run, so
// the table follows the code.

jest.setTimeout(180_000);

const CASES: OperationCase[] = [...RECORD_CASES, ...MONEY_CASES];
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const label = (c: OperationCase) => `${c.resource}.${c.operation}${c.variant ? ` (${c.variant})` : ''}`;

let sandbox: RunningSandbox;
let world: World;
let firstLoginAt = 0;
/** handler → the cases whose drifted run failed as required. */
const covered = new Map<string, string[]>();

beforeAll(async () => {
	sandbox = await withSandbox();
	world = await World.create(sandbox, createN8nHarness());
	firstLoginAt = Date.now();
	// Log both users in first, so a case's clean run counts only its own handlers.
	for (const as of ['demo', 'supervised'] as const) expect((await world.run({ parameters: { resource: 'practice', operation: 'getInfo' }, as })).error).toBeUndefined();
});
afterAll(async () => {
	await sandbox.close();
	shutdownN8n();
});

/** The failure drift must produce: the node error carrying PortalChangedError's message and handler. */
function expectChangedShape(result: RunNodeResult, handler: string): void {
	expect({ handler, items: result.items }).toEqual({ handler, items: [] });
	expect(result.status).toBe('error');
	const error = result.error as { message?: string; description?: string } | undefined;
	const names = namesFor(handler);
	const named = names.find((name) => error?.message?.startsWith(`TherapyNotes changed the answer of '${name}'`)) ?? names[0];
	const pattern = new RegExp(`^TherapyNotes changed the answer of '(${names.map(escape).join('|')})' \\(field .+\\)\\. Nothing was returned`);
	expect({ handler, message: error?.message }).toEqual({ handler, message: expect.stringMatching(pattern) });
	expect(error?.description).toMatch(new RegExp(`^Handler ${named}, field \\S`));
}

describe('drift on every handler an operation reads', () => {
	test('every operation of the node has a case', () => {
		const operations = RESOURCES.flatMap((r) => Object.keys(r.operations).map((o) => `${r.resource.value}.${o}`)).sort();
		const withCase = [...new Set([...CASES, HEALTHCHECK].map((c) => `${c.resource}.${c.operation}`))].sort();
		expect(withCase).toEqual(operations);
	});

	test.each(CASES.map((c) => [label(c), c] as const))('%s', async (_name, c) => {
		const first = await c.prepare(world);
		const clean = await handlersDuring(sandbox, () => world.run(first));
		expect(clean.result.error).toBeUndefined();
		const handlers = Object.keys(clean.hits).filter((h) => !isLoginHandler(h));
		expect(handlers.length).toBeGreaterThan(0);
		for (const handler of handlers) {
			const run = await c.prepare(world);
			const drifted = await withDrift(sandbox, handler, () => world.run(run));
			expectChangedShape(drifted, handler);
			// With "On Error: Continue" the only item is the error: nothing half-read goes on.
			const again = await c.prepare(world);
			const continued = await withDrift(sandbox, handler, () => world.run(again, true));
			expect(continued.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
			const { error: text, ...beside } = continued.items[0].json;
			expect({ text, beside: Object.values(beside) }).toEqual({ text: (drifted.error as Error).message, beside: [expect.stringMatching(/^Handler /)] });
			covered.set(handler, [...(covered.get(handler) ?? []), label(c)]);
		}
	});
});

describe('drift in the health check', () => {
	test('each area it reads, drifted, is reported as changed shape naming the handler; the node does not fail', async () => {
		const clean = await handlersDuring(sandbox, async () => world.run(await HEALTHCHECK.prepare(world)));
		expect(clean.result.items[0].json.ok).toBe(true);
		const handlers = Object.keys(clean.hits).filter((h) => !isLoginHandler(h));
		expect(handlers.length).toBeGreaterThanOrEqual(8);
		for (const handler of handlers) {
			const result = await withDrift(sandbox, handler, async () => world.run(await HEALTHCHECK.prepare(world)));
			const report = result.items[0].json as { ok: boolean; areas: { area: string; ok: boolean; problem?: string }[] };
			const failed = report.areas.filter((a) => !a.ok);
			expect({ handler, ok: report.ok, problems: failed.map((a) => a.problem) }).toEqual({ handler, ok: false, problems: [expect.stringMatching(new RegExp(`^changed shape: (${namesFor(handler).map(escape).join('|')}) \\S`))] });
			covered.set(handler, [...(covered.get(handler) ?? []), 'practice.healthcheck']);
		}
	});
});

describe('drift while logging in', () => {
	const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	const getInfo = { resource: 'practice', operation: 'getInfo' };

	/** A fresh n8n instance and credential, so the run below has to log in. */
	async function freshLogin(who: 'supervised' | 'demo') {
		const n8n = createN8nHarness();
		const demo = sandbox.state.demo;
		const overrides: Record<string, string> = who === 'demo' ? { username: demo.username, totpSecret: demo.totpSecret } : { username: demo.supervisedUsername };
		const credential = await n8n.addCredential(sandboxCredential(sandbox, overrides), `fresh ${who}`);
		return () => n8n.runNode({ parameters: getInfo, credential });
	}

	test('each login step drifted fails naming the step; the dashboard carries nothing we read but its token', async () => {
		const clean = await handlersDuring(sandbox, await freshLogin('supervised'));
		expect(clean.result.error).toBeUndefined();
		const steps = Object.keys(clean.hits).filter(isLoginHandler).sort();
		expect(steps).toEqual(['page/dashboard', 'session/login', 'session/practicecode']);
		for (const handler of steps) {
			const run = await freshLogin('supervised');
			const drifted = await withDrift(sandbox, handler, run);
			// The dashboard's drift renames data-testid hooks and classes; the tnrac token stays, so the answer is right.
			if (handler === 'page/dashboard') expect(drifted.items.map((i) => i.json)).toEqual(clean.result.items.map((i) => i.json));
			else expectChangedShape(drifted, handler);
			covered.set(handler, [...(covered.get(handler) ?? []), 'login']);
		}
	});

	test('the two-factor step drifted fails naming it', async () => {
		// A fresh credential has no record of the code used at the first login; a new 30 s step avoids a replay.
		await sleep(Math.max(0, firstLoginAt + 31_000 - Date.now()));
		const run = await freshLogin('demo');
		const { result, hits } = await handlersDuring(sandbox, () => withDrift(sandbox, 'session/twofactor', run));
		expect(hits['session/twofactor']).toBe(1);
		expectChangedShape(result, 'session/twofactor');
		covered.set('session/twofactor', ['login']);
	});
});

describe('coverage', () => {
	test('every handler an operation reads was drifted, and each is one the sandbox serves', () => {
		const names = [...covered.keys()].sort();
		const unknown = names.filter((name) => !SANDBOX_HANDLERS.includes(name));
		expect(unknown).toEqual([]);
		const notUsed = SANDBOX_HANDLERS.filter((name) => !covered.has(name)).sort();
		process.stdout.write(`DRIFT handlers=${names.length}/${SANDBOX_HANDLERS.length} operations=${new Set(CASES.map((c) => `${c.resource}.${c.operation}`)).size + 1} cases=${CASES.length + 1} not_read_by_any_operation=${notUsed.join(',')}\n`);
		expect(names.length).toBeGreaterThanOrEqual(50);
	});
});
