/** Step runner for the e2e run: each step prints its outcome and time; the summary counts them. */

export interface Outcome {
	name: string;
	ok: boolean;
	pending?: boolean;
	ms: number;
	detail?: string;
}

const outcomes: Outcome[] = [];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const say = (line: string) => process.stdout.write(`${line}\n`);

/** Runs one step; a thrown error marks it failed (and is returned as undefined) without stopping the run. */
export async function step<T>(name: string, body: () => Promise<T>): Promise<T | undefined> {
	const started = Date.now();
	say(`▶ ${name}`);
	try {
		const value = await body();
		const ms = Date.now() - started;
		outcomes.push({ name, ok: true, ms });
		say(`✔ ${name} (${seconds(ms)})`);
		return value;
	} catch (error) {
		const ms = Date.now() - started;
		const detail = error instanceof Error ? error.message : String(error);
		outcomes.push({ name, ok: false, ms, detail });
		say(`✘ ${name} (${seconds(ms)}): ${detail}`);
		return undefined;
	}
}

/** A step whose body returns nothing: true when it passed. */
export async function stepOk(name: string, body: () => Promise<unknown>): Promise<boolean> {
	return (await step(name, () => body().then(() => true))) === true;
}

/** A test that cannot run yet (e.g. a trigger event not built); counted apart, never as passed. */
export function pending(name: string, reason: string): void {
	outcomes.push({ name, ok: true, pending: true, ms: 0, detail: reason });
	say(`… ${name}: pending (${reason})`);
}

export function check(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

export function summary(startedAt: number): { passed: number; failed: number; line: string } {
	const passed = outcomes.filter((o) => o.ok && !o.pending).length;
	const failed = outcomes.filter((o) => !o.ok).length;
	const skipped = outcomes.filter((o) => o.pending).length;
	for (const o of outcomes.filter((x) => !x.ok)) say(`  failed: ${o.name}: ${o.detail}`);
	const line = `E2E passed=${passed} failed=${failed}${skipped ? ` pending=${skipped}` : ''} (${seconds(Date.now() - startedAt)})`;
	return { passed, failed, line };
}
