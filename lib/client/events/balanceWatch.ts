import type { BillingResource } from '../resources/billing';
import type { UnpaidSession } from '../schemas/billing';
import { balanceScope, judgeBalances, overdueBalances, type BalanceEvent, type BalanceWatchState, type OverdueBalance } from './balanceChanges';
import { FingerprintSet } from './fingerprints';
import { ledgerListSpec } from './ledgerChanges';
import { scanRecent, type RecentWatchState } from './recentScan';

/**
 * Balance Overdue without reading the practice's whole overdue list each poll. A patient's overdue
 * amount (unpaid charges served on or before the cutoff, today less N days) changes in two ways
 * only: time passes and a charge ages past the cutoff, or the ledger changes (a charge is entered
 * or voided, a payment posted at the front desk, through the portal or by an ERA). So a poll reads
 *  1. the newest page of billing transactions, down to the last poll's anchor (its answer also
 *     carries the portal's date, which fixes this poll's cutoff), and
 *  2. only when the cutoff moved (a new day): the unpaid sessions served between the last cutoff
 *     and this one,
 * and re-sums just the patients those name (one request each). An idle poll is one request, two
 * on the first poll of a day. Everyone else keeps the standing judged earlier against an earlier
 * cutoff, which is still right: nothing that moves a balance happened to them.
 * The whole list is read instead on the first poll (the silent baseline), when the transactions
 * ran past the scan's page limit, after a long pause (> MAX_WINDOW_DAYS), or when more patients
 * changed than the whole list has pages (then it is the cheaper read).
 */
export interface BalanceWatchStateV2 {
	v: 2;
	/** The threshold and age the set was judged with; another scope starts a new baseline. */
	scope: string;
	/** Patient id → fingerprint of the crossing, for patients at or over the threshold. */
	over: string;
	/** Charges served on or before this date (ISO) have been counted. */
	cutoff: string;
	/** The top of the billing transactions at the last poll. */
	ledger: RecentWatchState;
	/** Pages the last full read of the overdue list took. */
	fullPages: number;
}

type Billing = Pick<BillingResource, 'ledgerActivityPage' | 'overdueSessions' | 'overdueSessionsPage' | 'unpaidSessions'>;

/** After a pause this long the ageing window may hold much of the practice: read the whole list. */
export const MAX_WINDOW_DAYS = 7;

const DAY_MS = 86_400_000;
const shiftDays = (isoDay: string, days: number) => new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** Balances of charges served on or before the cutoff (the cutoff, not the row's age, so one date rules the whole poll). */
const overdueAsOf = (sessions: UnpaidSession[], cutoff: string) => overdueBalances(sessions.filter((s) => s.date <= cutoff), 0);

function priorState(value: unknown, scope: string) {
	const state = value as { v?: number; scope?: string; over?: unknown; cutoff?: unknown; ledger?: { v?: number } } | null | undefined;
	if (state?.scope !== scope || typeof state.over !== 'string') return { prior: null, legacy: null };
	if (state.v === 2 && typeof state.cutoff === 'string' && state.ledger?.v === 1) return { prior: state as BalanceWatchStateV2, legacy: null };
	// The first version read the whole list each poll: its set is diffed against one more full read.
	return { prior: null, legacy: state.v === 1 ? FingerprintSet.decode((state as BalanceWatchState).over) : null };
}

/** The whole overdue list, page by page; the number of pages is what a full read costs. */
async function readAll(billing: Billing, cutoff: string) {
	const sessions: UnpaidSession[] = [];
	let pages = 0;
	for (let page = 1; ; page++) {
		const answer = await billing.overdueSessionsPage({ page, serviceDateTo: cutoff });
		sessions.push(...answer.sessions);
		pages = page;
		if (page >= answer.pageCount || answer.sessions.length === 0) break;
	}
	return { balances: overdueAsOf(sessions, cutoff), pages };
}

/** Patients whose overdue amount may have moved since the last poll, or null when a full read is due. */
async function touchedPatients(billing: Billing, prior: BalanceWatchStateV2, changedIds: number[], cutoff: string): Promise<Set<number> | null> {
	if (cutoff < prior.cutoff || daysBetween(prior.cutoff, cutoff) > MAX_WINDOW_DAYS) return null;
	const touched = new Set(changedIds);
	if (cutoff > prior.cutoff) {
		const aged = await billing.overdueSessions({ serviceDateFrom: shiftDays(prior.cutoff, 1), serviceDateTo: cutoff });
		for (const s of aged) touched.add(s.patientId);
	}
	return touched.size > prior.fullPages ? null : touched;
}

async function resum(billing: Billing, patientIds: Set<number>, cutoff: string): Promise<OverdueBalance[]> {
	const balances: OverdueBalance[] = [];
	for (const patientId of patientIds) balances.push(...overdueAsOf(await billing.unpaidSessions(patientId), cutoff));
	return balances;
}

export interface BalanceWatch {
	events: BalanceEvent[];
	next: BalanceWatchStateV2;
}

export async function watchBalances(billing: Billing, previous: unknown, thresholdCents: number, minDays: number): Promise<BalanceWatch> {
	const scope = balanceScope(thresholdCents, minDays);
	const { prior, legacy } = priorState(previous, scope);
	let asOf = '';
	// Read first: a transaction entered while the rest of this poll runs is above the next anchor.
	const feed = await scanRecent(
		ledgerListSpec,
		async (page) => {
			const answer = await billing.ledgerActivityPage(page);
			if (page === 1) asOf = answer.asOfDate;
			return answer;
		},
		prior?.ledger ?? null,
	);
	const cutoff = shiftDays(asOf, -minDays);
	const touched = prior && !feed.exhausted ? await touchedPatients(billing, prior, feed.changes.map((c) => c.row.patientId), cutoff) : null;
	const before = prior ? FingerprintSet.decode(prior.over) : (legacy ?? new FingerprintSet());
	let judged: { balances: OverdueBalance[]; ids: Iterable<number> };
	let fullPages = prior?.fullPages ?? 1;
	if (touched) {
		judged = { balances: await resum(billing, touched, cutoff), ids: touched };
	} else {
		const all = await readAll(billing, cutoff);
		fullPages = all.pages;
		judged = { balances: all.balances, ids: new Set([...before.ids(), ...all.balances.map((b) => b.patientId)]) };
	}
	const { events, after } = judgeBalances(before, judged.balances, judged.ids, thresholdCents, asOf, prior !== null || legacy !== null);
	return { events, next: { v: 2, scope, over: after.encode(), cutoff, ledger: feed.next, fullPages } };
}
