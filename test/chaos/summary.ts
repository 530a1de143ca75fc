import type { ChaosResult } from './chaosRun';
import type { LockoutOutcome } from './lockout';
import type { SignedNotesResult } from './signedNotes';
import type { TriggerResult } from './triggerRun';

export interface ChaosReport {
	chaos: ChaosResult;
	trigger: TriggerResult & { perEvent: Record<string, TriggerResult> };
	lockout: LockoutOutcome[];
	signedNotes: SignedNotesResult;
}

/** The one line issue #9 asks for. */
export function summaryLine(report: ChaosReport): string {
	const { chaos, trigger } = report;
	return `CHAOS ops=${chaos.ops} faults=${chaos.faults.faults} duplicates=${chaos.duplicates.length} lost=${chaos.lost.length} unclear_errors=${chaos.unclear.length} missed_events=${trigger.missed} duplicate_events=${trigger.duplicates}`;
}

/** Every figure that must be zero (or true), by name; an empty list means the run passed. */
export function failedRequirements(report: ChaosReport): string[] {
	const { chaos, trigger, lockout, signedNotes } = report;
	const failed: string[] = [];
	const zero = (name: string, value: number) => value !== 0 && failed.push(`${name}=${value}`);
	zero('duplicates', chaos.duplicates.length);
	zero('lost', chaos.lost.length);
	zero('unclear_errors', chaos.unclear.length);
	zero('missed_events', trigger.missed);
	zero('duplicate_events', trigger.duplicates);
	if (chaos.faults.faults < 0.1 * chaos.faults.requests) failed.push(`faults below 10 % of requests (${chaos.faults.faults}/${chaos.faults.requests})`);
	for (const [kind, count] of Object.entries(chaos.faults.byKind)) if (count === 0) failed.push(`no ${kind} fault injected`);
	for (const outcome of lockout) {
		if (outcome.loginAttempts !== 1 || outcome.newLockouts !== 0) failed.push(`lockout '${outcome.name}': ${outcome.loginAttempts} login attempts, ${outcome.newLockouts} lockouts`);
		if (!outcome.adviceShown) failed.push(`lockout '${outcome.name}': error does not say what to fix`);
	}
	zero('signed_note_changes', signedNotes.changes);
	for (const attempt of signedNotes.attempts) if (!attempt.offersAddendum) failed.push(`signed note '${attempt.operation}': error offers no addendum`);
	if (!signedNotes.addendumAdded) failed.push('signed note: the addendum was not added');
	return failed;
}

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

/** The details behind the line, for a person reading the CLI's output. */
export function detailLines(report: ChaosReport): string[] {
	const { chaos, trigger, lockout, signedNotes } = report;
	const lines = [
		`chaos: ${chaos.ops} ops (${chaos.succeeded} succeeded) in ${(chaos.elapsedMs / 1000).toFixed(1)} s; ${chaos.faults.requests} portal requests, ${chaos.faults.faults} faults (${percent(chaos.faults.faults, chaos.faults.requests)}): ${JSON.stringify(chaos.faults.byKind)}`,
		...chaos.duplicates.map((d) => `  duplicate ${d.kind} ${d.key}: ${d.problem}`),
		...chaos.lost.map((l) => `  lost ${l.kind} ${l.key}: ${l.problem}`),
		...chaos.unclear.map((u) => `  unclear (${u.why}): ${u.message}`),
		'chaos error messages (numbers masked), with counts:',
		...Object.entries(chaos.messages).sort((a, b) => b[1] - a[1]).map(([message, count]) => `  ${count}× ${message}`),
		`trigger: ${trigger.expected} changes, ${trigger.events} events over ${trigger.polls} polls (${trigger.failedPolls} failed, ${trigger.restarts} restarts, ${trigger.droppedListAnswers} dropped list answers); missed ${trigger.missed}, duplicate ${trigger.duplicates}`,
		...lockout.map((o) => `lockout ${o.name}: ${o.loginAttempts} login attempt(s), ${o.failedLogins} failed, ${o.newLockouts} lockouts, ${o.items} error items: ${o.messages.join(' | ')}`),
		...signedNotes.attempts.map((a) => `signed note ${a.operation}: ${a.writesSent} write request(s) sent; ${a.error}`),
		`signed note: ${signedNotes.changes} changes reached it; addendum added: ${signedNotes.addendumAdded}; attach file allowed (by design): ${signedNotes.attachAllowed}`,
	];
	return lines;
}
