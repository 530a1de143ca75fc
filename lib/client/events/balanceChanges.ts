import type { UnpaidSession } from '../schemas/billing';
import { eventIdentity } from './eventIds';
import { digest21, FingerprintSet } from './fingerprints';

/** Patients whose overdue balance was at or over the threshold at the last poll. */
export interface BalanceWatchState {
	v: 1;
	/** The threshold and age the set was judged with; another scope starts a new baseline. */
	scope: string;
	/** Patient id → fingerprint of the crossing (the overdue charges when it first crossed). */
	over: string;
}

export interface OverdueBalance {
	patientId: number;
	patientEncryptedId: string;
	overdueCents: number;
	oldestDaysOutstanding: number;
	appointmentIds: number[];
}

export interface BalanceEvent {
	balance: OverdueBalance;
	eventId: string;
	idempotencyKey: string;
}

/** Sums each patient's unpaid charges at least `minDays` old. */
export function overdueBalances(sessions: UnpaidSession[], minDays: number): OverdueBalance[] {
	const byPatient = new Map<number, OverdueBalance>();
	for (const s of sessions) {
		if (s.daysOutstanding < minDays || s.owedCents <= 0) continue;
		const b = byPatient.get(s.patientId) ?? { patientId: s.patientId, patientEncryptedId: s.patientEncryptedId, overdueCents: 0, oldestDaysOutstanding: 0, appointmentIds: [] };
		b.overdueCents += s.owedCents;
		b.oldestDaysOutstanding = Math.max(b.oldestDaysOutstanding, s.daysOutstanding);
		b.appointmentIds.push(s.appointmentId);
		byPatient.set(s.patientId, b);
	}
	for (const b of byPatient.values()) b.appointmentIds.sort((x, y) => x - y);
	return [...byPatient.values()];
}

export const balanceScope = (thresholdCents: number, minDays: number) => `${thresholdCents}c/${minDays}d`;

/**
 * One event when a patient's overdue balance first reaches the threshold; none while it stays
 * there; another only after it fell below and crossed again. The crossing's fingerprint (its
 * overdue charges) is kept while the patient stays over, so the event's identity never changes.
 * With no previous state (or another threshold) the current set is a silent baseline.
 */
export function diffBalances(previous: BalanceWatchState | null, balances: OverdueBalance[], thresholdCents: number, minDays: number) {
	const scope = balanceScope(thresholdCents, minDays);
	const baseline = !previous || previous.scope !== scope;
	const before = baseline ? new FingerprintSet() : FingerprintSet.decode(previous.over);
	const after = new FingerprintSet();
	const events: BalanceEvent[] = [];
	for (const balance of balances) {
		if (balance.overdueCents < thresholdCents) continue;
		const kept = before.get(balance.patientId);
		const print = kept ?? digest21([balance.patientId, balance.appointmentIds]);
		after.set(balance.patientId, print);
		if (!baseline && kept === undefined) events.push({ balance, ...eventIdentity('balance.overdue', balance.patientId, print) });
	}
	const next: BalanceWatchState = { v: 1, scope, over: after.encode() };
	return { events, next };
}

/**
 * Judges the patients in `judged` (the others keep their standing) against the threshold: one
 * event for each that reached it and was not over before; a patient under it (or owing nothing
 * overdue) leaves the set, so a later crossing is a new event. A crossing's fingerprint digests the
 * overdue charges and the day it was seen, so a re-crossing gets a new identity.
 */
export function judgeBalances(before: FingerprintSet, balances: OverdueBalance[], judged: Iterable<number>, thresholdCents: number, asOf: string, emit: boolean) {
	const byPatient = new Map(balances.map((b) => [b.patientId, b]));
	const after = before.clone();
	const events: BalanceEvent[] = [];
	for (const patientId of judged) {
		const balance = byPatient.get(patientId);
		if (!balance || balance.overdueCents < thresholdCents) {
			after.delete(patientId);
			continue;
		}
		const kept = before.get(patientId);
		const print = kept ?? digest21([patientId, balance.appointmentIds, asOf]);
		after.set(patientId, print);
		if (emit && kept === undefined) events.push({ balance, ...eventIdentity('balance.overdue', patientId, print) });
	}
	return { events, after };
}
