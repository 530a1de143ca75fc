import type { IDataObject } from 'n8n-workflow';
import type { TherapyNotesClient } from '../../../lib/client';
import { overdueBalances, type OverdueBalance } from '../../../lib/client/events/balanceChanges';
import { watchBalances } from '../../../lib/client/events/balanceWatch';
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

/** "Fetch Test Event": the largest overdue balance on the first page (the oldest charges) of the overdue list. */
async function sampleBalance(client: TherapyNotesClient, params: TriggerParams): Promise<IDataObject | null> {
	const page = await client.billing.overdueSessionsPage({ minDaysOutstanding: params.daysOutstanding });
	const pick = overdueBalances(page.sessions, params.daysOutstanding)
		.filter((b) => b.overdueCents >= params.thresholdCents)
		.sort((a, b) => b.overdueCents - a.overdueCents)[0];
	return pick ? eventItem('balanceOverdue', eventIdentity('balance.overdue', pick.patientId, 'sample'), balanceFields(pick, params)) : null;
}

/**
 * Balance Overdue: one request when idle (the billing transactions, newest first), two on the
 * first poll of a day (the charges that aged past the days outstanding); only patients those name
 * are re-summed. How and why: lib/client/events/balanceWatch.ts. Unpaid charges carry no clinician.
 */
export const balanceOverdue: TriggerEvent = {
	async poll(client, previous, params) {
		const sample = () => sampleBalance(client, params);
		// "Fetch Test Event" before the trigger ever ran would read the whole overdue list for a baseline it cannot keep.
		if (params.manual && previous === null) return { items: [], next: previous, sample };
		const { events, next } = await watchBalances(client.billing, previous, params.thresholdCents, params.daysOutstanding);
		const items = events.map((e) => eventItem('balanceOverdue', e, balanceFields(e.balance, params)));
		return { items, next, sample };
	},
};
