import { claims as wire } from '../../portal';
import { PortalHttpError, PortalRefusalError, WriteOutcomeUnknownError } from '../../session/errors';
import { checkOutput } from '../validation';
import { claimMovedSchema, type Claim, type ClaimStatus } from '../schemas/claims';
import { collectPages } from './claimsPages';
import type { Requester } from './patients';

/**
 * What claim writes do when their answer is lost. Creates, submits and resubmits are not
 * idempotent, so the session never resends them; we look the outcome up first and resend only
 * when nothing happened (and the portal's own rules refuse a duplicate even then).
 */
type Ref = string | number;

/** The write may or may not have been applied: the connection failed, or the portal answered 5xx. */
export function outcomeUnknown(error: unknown): boolean {
	return error instanceof WriteOutcomeUnknownError || (error instanceof PortalHttpError && error.status >= 500);
}

/** The existing claim's id from a DuplicateClaim refusal, or null for any other error. */
export function duplicateClaimId(error: unknown): number | null {
	if (!(error instanceof PortalRefusalError) || error.code !== 'DuplicateClaim') return null;
	const details = wire.duplicateClaimDetails.safeParse(error.details);
	return details.success ? details.data.ExistingID : null;
}

const matches = (ref: Ref, id: number, encryptedId: string) => ref === id || ref === encryptedId;

/**
 * The appointment's claim, searched by its natural key: the appointment's patient and day, then
 * the appointment id on the row. Null when the portal has none.
 */
export async function findClaimForAppointment(session: Requester, appointmentRef: Ref, patientRef?: Ref): Promise<number | null> {
	const appointment = await session.request(wire.getAppointmentForClaim(appointmentRef));
	const patient = patientRef ?? (appointment.patientIds.length === 1 ? appointment.patientIds[0] : undefined);
	const filters = { patientId: patient, dateOfServiceFrom: appointment.date, dateOfServiceTo: appointment.date };
	const rows = await collectPages((page) => session.request(wire.searchClaims(filters, page)));
	const found = rows.find((row) => row.appointmentId === appointment.id && (patientRef === undefined || matches(patientRef, row.patientId, row.patientEncryptedId)));
	return found?.id ?? null;
}

export interface CreatedRef {
	id: number;
	alreadyExisted: boolean;
	recovered: boolean;
}

/** Sends the create; a DuplicateClaim refusal is an answer too: the claim that already exists. */
export async function sendCreate(session: Requester, appointmentRef: Ref, patientRef?: Ref): Promise<CreatedRef> {
	try {
		const created = await session.request(wire.createClaim(appointmentRef, patientRef));
		return { id: created.id, alreadyExisted: false, recovered: false };
	} catch (error) {
		const existing = duplicateClaimId(error);
		if (existing === null) throw error;
		return { id: existing, alreadyExisted: true, recovered: false };
	}
}

/** After a lost create: the appointment's claim if the portal made it, else one more create. */
export async function recoverCreate(session: Requester, lost: unknown, appointmentRef: Ref, patientRef?: Ref): Promise<CreatedRef> {
	const found = await findClaimForAppointment(session, appointmentRef, patientRef);
	if (found !== null) return { id: found, alreadyExisted: false, recovered: true };
	try {
		return await sendCreate(session, appointmentRef, patientRef);
	} catch (error) {
		// A second failure of the same kind says nothing new; report the first.
		throw outcomeUnknown(error) ? lost : error;
	}
}

/**
 * After a lost submit: the portal moves all claims or none. All Submitted → it happened; none →
 * it did not, and one resend is safe (a claim that did move would be refused, not sent twice).
 */
export async function recoverSubmit(session: Requester, lost: unknown, refs: Ref[]) {
	const claims = await statusesOf(session, refs);
	if (claims.every((c) => c.status === 'submitted')) return { claims, recovered: true };
	if (claims.some((c) => c.status === 'submitted')) throw lost;
	try {
		return { claims: await session.request(wire.submitClaims(refs)), recovered: false };
	} catch (error) {
		throw outcomeUnknown(error) ? lost : error;
	}
}

async function statusesOf(session: Requester, refs: Ref[]) {
	const out = [];
	for (const ref of refs) {
		const claim = await session.request(wire.getClaim(ref));
		out.push(checkOutput(claimMovedSchema, { id: claim.id, encryptedId: claim.encryptedId, status: claim.status }, 'claims/get'));
	}
	return out;
}

/**
 * After a lost resubmit: Submitted with the frequency we sent → it happened; still in the status
 * it had before → it did not, so send it once more; anything else → report the lost answer.
 */
export async function recoverResubmit(session: Requester, lost: unknown, before: Claim, change: wire.Resubmission): Promise<boolean> {
	const now = await session.request(wire.getClaim(before.id));
	if (now.status === 'submitted' && now.frequency === change.frequency && before.status !== 'submitted') return true;
	if (now.status !== (before.status as ClaimStatus)) throw lost;
	try {
		await session.request(wire.resubmitClaim(before.id, change));
		return false;
	} catch (error) {
		throw outcomeUnknown(error) ? lost : error;
	}
}
