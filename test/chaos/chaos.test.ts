import { runChaos, type ChaosResult } from './chaosRun';
import { shutdownChaos } from './env';
import { CHAOS_FAULT_KINDS } from './faultPlan';
import { runLockout } from './lockout';
import { runSignedNotes } from './signedNotes';
import { runTriggerChaos } from './triggerRun';

// Issue #9, items 1–4, at a smaller count than `npm run test:chaos` (5,000 operations): the node in
// n8n-core's engine against in-process sandboxes with faults of every kind.

jest.setTimeout(120_000);
afterAll(() => shutdownChaos());

describe('chaos: mixed writes through the node under faults', () => {
	let result: ChaosResult;
	beforeAll(async () => {
		result = await runChaos({ ops: 300, lanes: 5, batchSize: 3, seed: 7 });
	});

	test('at least 300 operations ran, most of them succeeded, under ≥ 10 % faults of every kind', () => {
		expect(result.ops).toBeGreaterThanOrEqual(300);
		expect(result.succeeded).toBeGreaterThan(result.ops * 0.7);
		expect(result.faults.faults).toBeGreaterThanOrEqual(result.faults.requests * 0.1);
		for (const kind of CHAOS_FAULT_KINDS) expect({ kind, count: result.faults.byKind[kind] }).toEqual({ kind, count: expect.any(Number) });
		for (const kind of CHAOS_FAULT_KINDS) expect(result.faults.byKind[kind]).toBeGreaterThan(0);
	});

	test('no duplicate record, no lost write, no error a user cannot act on', () => {
		expect(result.duplicates).toEqual([]);
		expect(result.lost).toEqual([]);
		expect(result.unclear).toEqual([]);
	});
});

test('trigger: changes during faulty polls, a dropped list answer and restarts → every change once', async () => {
	const result = await runTriggerChaos(4, 3);
	expect(result.expected).toBe(4 * 4 * 4);
	expect(result.droppedListAnswers).toBeGreaterThanOrEqual(4);
	expect(result.restarts).toBe(4);
	expect({ missed: result.missed, duplicates: result.duplicates, events: result.events }).toEqual({ missed: 0, duplicates: 0, events: result.expected });
});

test('lockout: each refused credential costs exactly one login attempt and says what to fix', async () => {
	const outcomes = await runLockout();
	expect(outcomes.map((o) => [o.name, o.loginAttempts, o.newLockouts, o.items, o.adviceShown])).toEqual([
		['wrong password', 1, 0, 6, true],
		['wrong practice code', 1, 0, 6, true],
		['bad TOTP secret', 1, 0, 6, true],
		['TOTP secret not base32', 1, 0, 6, true],
		['locked account', 1, 0, 6, true],
	]);
});

test('signed note: every change the node offers is refused offering an addendum, and nothing reaches the note', async () => {
	const result = await runSignedNotes();
	expect(result.attempts).toHaveLength(7);
	for (const attempt of result.attempts) expect({ operation: attempt.operation, offersAddendum: attempt.offersAddendum }).toEqual({ operation: attempt.operation, offersAddendum: true });
	// Update and delete are refused by the client before anything is sent; the others are refused by the portal.
	expect(result.attempts.filter((a) => a.operation.startsWith('update') || a.operation === 'delete').map((a) => a.writesSent)).toEqual([0, 0, 0]);
	expect(result.changes).toBe(0);
	expect(result.addendumAdded).toBe(true);
});
