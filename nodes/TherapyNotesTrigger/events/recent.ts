import type { IDataObject } from 'n8n-workflow';
import type { TherapyNotesClient } from '../../../lib/client';
import { eventIdentity } from '../../../lib/client/events/eventIds';
import type { RecordEvent } from '../../../lib/client/events/recordChanges';
import { scanRecent, type RecentChange, type RecentListSpec, type RecentPage, type RecentWatchState } from '../../../lib/client/events/recentScan';
import { eventItem, type EventPoll, type TriggerEvent, type TriggerParams } from './types';

/** How one event reads its newest-first list and turns changes into items. */
export interface RecentEventSpec<T, E extends RecordEvent<T>> {
	event: string;
	/** The identity kind, e.g. "note.signed" (the sample uses it too). */
	kind: string;
	list: RecentListSpec<T>;
	read: (session: TherapyNotesClient['session'], page: number) => Promise<RecentPage<T>>;
	events: (changes: RecentChange<T>[]) => E[];
	/** The user's filters (clinician, statuses…). */
	matches: (record: T, params: TriggerParams) => boolean;
	/** The item's fields after the identity; `change` is null for the sample. */
	fields: (record: T, change: E | null, params: TriggerParams) => IDataObject;
	/** Which rows can stand for a sample event (default: any that matches). */
	sampleable?: (record: T) => boolean;
}

/** "Fetch Test Event" looks this many pages deep for a record that matches the filters. */
const SAMPLE_PAGES = 5;

function recentState(value: unknown): RecentWatchState | null {
	const state = value as Partial<RecentWatchState> | null | undefined;
	return state?.v === 1 && typeof state.prints === 'string' && typeof state.maxId === 'number' ? (state as RecentWatchState) : null;
}

/** An event polled by reading a list newest first down to the last poll's anchor. */
export function recentEvent<T, E extends RecordEvent<T>>(spec: RecentEventSpec<T, E>): TriggerEvent {
	return {
		async poll(client, previous, params): Promise<EventPoll> {
			const { changes, rows, next } = await scanRecent(spec.list, (page) => spec.read(client.session, page), recentState(previous));
			const items = spec
				.events(changes)
				.filter((e) => spec.matches(e.record, params))
				.map((e) => eventItem(spec.event, e, spec.fields(e.record, e, params)));
			const sample = async () => {
				const fits = (row: T) => (spec.sampleable?.(row) ?? true) && spec.matches(row, params);
				let pick = rows.find(fits);
				// A filter can leave the first page without a match: look a few pages further.
				for (let page = 2; pick === undefined && page <= SAMPLE_PAGES; page++) {
					const answer = await spec.read(client.session, page);
					pick = answer.rows.find(fits);
					if (page >= answer.pageCount) break;
				}
				return pick === undefined ? null : eventItem(spec.event, eventIdentity(spec.kind, spec.list.idOf(pick), 'sample'), spec.fields(pick, null, params));
			};
			return { items, next, sample };
		},
	};
}
