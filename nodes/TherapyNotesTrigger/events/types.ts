import type { IDataObject } from 'n8n-workflow';
import type { TherapyNotesClient } from '../../../lib/client';

/** The node's parameters, read once per poll; each event uses the ones that apply to it. */
export interface TriggerParams {
	/** Appointment statuses (Appointment Status Changed). */
	statuses: string[];
	/** Claim statuses (Claim Status Changed). */
	claimStatuses: string[];
	clinicianId: number | null;
	types: string[];
	includeContactDetails: boolean;
	/** Balance Overdue: the overdue amount that counts, in cents, and how old a charge must be. */
	thresholdCents: number;
	daysOutstanding: number;
	timezone: string;
	/** "Fetch Test Event": the state is not kept, so an event may skip work only a kept state repays. */
	manual?: boolean;
}

export interface EventPoll {
	/** The events to emit (empty when nothing happened). */
	items: IDataObject[];
	/** The state to keep when this poll's events were handed over. */
	next: unknown;
	/** "Fetch Test Event": the most recent matching record, shaped like a real event. */
	sample: () => Promise<IDataObject | null>;
}

/** One kind of trigger event: how to poll for it from the state the last poll left. */
export interface TriggerEvent {
	poll(client: TherapyNotesClient, previous: unknown, params: TriggerParams): Promise<EventPoll>;
}

/** Minimum necessary by default: the event's identity first, then the record's ids, dates and amounts. */
export function eventItem(event: string, identity: { eventId: string; idempotencyKey: string }, fields: IDataObject): IDataObject {
	return { event, eventId: identity.eventId, idempotencyKey: identity.idempotencyKey, ...fields };
}
