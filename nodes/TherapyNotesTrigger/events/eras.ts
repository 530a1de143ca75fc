import type { EraSummary } from '../../../lib/client';
import { eraListSpec, eraReceivedEvents } from '../../../lib/client/events/eraChanges';
import { recentEras } from '../../../lib/client/events/recentLists';
import { recentEvent } from './recent';

/** ERA Received: one request when idle (the ERA list, newest received first). ERAs belong to no clinician. */
export const eraReceived = recentEvent({
	event: 'eraReceived',
	kind: 'era.received',
	list: eraListSpec,
	read: recentEras,
	events: eraReceivedEvents,
	matches: () => true,
	fields: (e: EraSummary) => ({
		eraId: e.id,
		encryptedId: e.encryptedId,
		payerId: e.payerId,
		payerName: e.payerName,
		checkNumber: e.checkNumber,
		traceNumber: e.traceNumber,
		checkDate: e.checkDate,
		receivedDate: e.receivedDate,
		paymentAmountCents: e.paymentAmountCents,
		claimCount: e.claimCount,
		status: e.status,
		source: e.source,
	}),
});
