import type { ClaimSummary } from '../../../lib/client';
import { claimListSpec, claimStatusEvents } from '../../../lib/client/events/claimChanges';
import { recentClaimStatuses } from '../../../lib/client/events/recentLists';
import { recentEvent } from './recent';

/**
 * Claim Status Changed: one request when idle (claims, most recent status change first). Claims
 * carry no clinician, so the clinician filter does not apply; payer and patient names only with
 * "Include Contact Details".
 */
export const claimStatusChanged = recentEvent({
	event: 'claimStatusChanged',
	kind: 'claim.statusChanged',
	list: claimListSpec,
	read: recentClaimStatuses,
	events: claimStatusEvents,
	matches: (c: ClaimSummary, params) => c.status !== 'created' && (params.claimStatuses.length === 0 || params.claimStatuses.includes(c.status)),
	fields: (c, change, params) => ({
		claimId: c.id,
		encryptedId: c.encryptedId,
		status: c.status,
		previousStatus: change?.previousStatus ?? null,
		statusDate: c.updatedAt,
		patientId: c.patientId,
		appointmentId: c.appointmentId,
		payerId: c.payerId,
		dateOfService: c.dateOfService,
		serviceCode: c.serviceCode,
		chargeCents: c.chargeCents,
		paidCents: c.paidCents,
		patientResponsibilityCents: c.patientResponsibilityCents,
		rejectionCodes: c.rejectionCodes,
		payerClaimNumber: c.payerClaimNumber,
		eraId: c.eraId,
		...(params.includeContactDetails ? { patientName: c.patientName, payerName: c.payerName } : {}),
	}),
});
