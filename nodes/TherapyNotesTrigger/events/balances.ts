import type { IDataObject } from 'n8n-workflow';
import { diffBalances, overdueBalances, type BalanceWatchState, type OverdueBalance } from '../../../lib/client/events/balanceChanges';
import { eventIdentity } from '../../../lib/client/events/eventIds';
import { eventItem, type TriggerEvent, type TriggerParams } from './types';

function balanceFields(b: OverdueBalance, params: TriggerParams): IDataObject {
	return {
		patientId: b.patientId,
		patientEncryptedId: b.patientEncryptedId,
		overdueCents: b.overdueCents,
		thresholdCents: params.thresholdCents,
		daysOutstanding: params.daysOutstanding,
		oldestDaysOutstanding: b.oldestDaysOutstanding,
		appointmentIds: b.appointmentIds,
	};
}

const watchState = (value: unknown) => ((value as BalanceWatchState | null)?.v === 1 ? (value as BalanceWatchState) : null);

/**
 * Balance Overdue. The portal has no per-patient balance list, only the practice-wide list of
 * unpaid charges (50 a page, filtered by age), so every poll reads all of its pages: the idle
 * cost is that list's page count, not one request. Unpaid charges carry no clinician.
 */
export const balanceOverdue: TriggerEvent = {
	async poll(client, previous, params) {
		const sessions = await client.billing.overdueSessions({ minDaysOutstanding: params.daysOutstanding });
		const balances = overdueBalances(sessions, params.daysOutstanding);
		const { events, next } = diffBalances(watchState(previous), balances, params.thresholdCents, params.daysOutstanding);
		const items = events.map((e) => eventItem('balanceOverdue', e, balanceFields(e.balance, params)));
		const sample = async () => {
			const pick = balances.filter((b) => b.overdueCents >= params.thresholdCents).sort((a, b) => b.overdueCents - a.overdueCents)[0];
			return pick ? eventItem('balanceOverdue', eventIdentity('balance.overdue', pick.patientId, 'sample'), balanceFields(pick, params)) : null;
		};
		return { items, next, sample };
	},
};
