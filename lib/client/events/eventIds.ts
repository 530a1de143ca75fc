import { createHash } from 'node:crypto';

/**
 * Stable identities for trigger events. The same change always yields the same `eventId` and
 * `idempotencyKey` (fit for Stripe's Idempotency-Key header: ASCII, ≤ 255 characters), in any
 * process, before or after a restart, so a change seen twice can never charge twice.
 */
export function eventIdentity(kind: string, recordId: number | string, stateFingerprint: number | string) {
	const eventId = `${kind}:${recordId}:${typeof stateFingerprint === 'number' ? stateFingerprint.toString(16).padStart(6, '0') : stateFingerprint}`;
	const idempotencyKey = `tn-${createHash('sha256').update(eventId).digest('hex').slice(0, 40)}`;
	return { eventId, idempotencyKey };
}
