import { PortalError } from '../http/portalError';
import type { Era, EraClaimPayment } from '../data/types';
import type { SandboxState } from '../state';
import { centsToDollars, toPortalDate } from '../util/dates';
import type { ClaimPayment, Interchange, Remittance } from '../x12/model';
import { read835 } from '../x12/read835';
import { write835 } from '../x12/write835';
import { lineControlNumber, modifiersFor, serviceCodeOf } from './claimsWire';

/**
 * An ERA record → the remittance it stands for. A generated ERA is rendered from its claim
 * payments and the claims they pay; an uploaded one is read back from the file it came in, so
 * the view page and the download always agree with what the payer sent.
 */

export function findEra(state: SandboxState, ref: unknown): Era {
	const id = typeof ref === 'string' || typeof ref === 'number' ? state.store.resolve('era', ref) : null;
	const era = id === null ? undefined : state.store.eras.get(id);
	if (!era) throw new PortalError('The ERA could not be found.', 'NotFound');
	return era;
}

/** The claim a CLP01 names: the sandbox sends its numeric claim id as the patient control number. */
export function claimIdFor(state: SandboxState, patientControlNumber: string): number | null {
	return /^\d{1,12}$/.test(patientControlNumber) && state.store.claims.has(Number(patientControlNumber)) ? Number(patientControlNumber) : null;
}

export function eraPayerName(state: SandboxState, era: Era): string {
	return era.payerName ?? state.store.payer(era.payerId)?.name ?? '';
}

export function eraRow(state: SandboxState, era: Era) {
	return {
		ID: era.id,
		EncryptedID: era.encryptedId,
		PayerID: era.payerId,
		PayerName: eraPayerName(state, era),
		CheckNumber: era.traceNumber,
		TraceNumber: era.traceNumber,
		CheckDate: toPortalDate(era.checkDate),
		ReceivedDate: toPortalDate(era.receivedAt),
		PaymentAmount: centsToDollars(era.amountCents),
		ClaimCount: era.claimPayments.length + (era.unmatchedClaimNumbers?.length ?? 0),
		Status: era.status,
		Source: era.uploadedText === null ? 'Electronic' : 'Upload',
	};
}

function claimPaymentOf(state: SandboxState, payment: EraClaimPayment, payerName: string): ClaimPayment {
	const { store } = state;
	const claim = store.claims.get(payment.claimId);
	const appointment = claim ? store.appointments.get(claim.appointmentId) : undefined;
	const patient = claim ? store.patients.get(claim.patientId) : undefined;
	return {
		patientControlNumber: String(payment.claimId),
		statusCode: payment.statusCode,
		chargeCents: payment.chargeCents,
		paidCents: payment.paidCents,
		patientResponsibilityCents: payment.patientResponsibilityCents,
		filingIndicator: /medicaid/i.test(payerName) ? 'MC' : 'CI',
		payerClaimNumber: payment.payerClaimNumber ?? claim?.payerClaimNumber ?? null,
		facilityCode: store.locations.find((l) => l.id === appointment?.locationId)?.placeOfService ?? null,
		frequency: claim?.frequency ?? null,
		patient: { lastName: patient?.lastName ?? '', firstName: patient?.firstName ?? '', memberId: (claim && store.policies.get(claim.policyId)?.memberId) ?? '' },
		adjustments: [],
		// The sandbox bills one line a claim, so the payer answers at line level and the claim sums it.
		lines: [
			{
				code: claim ? serviceCodeOf(state, claim) : '',
				modifiers: modifiersFor(appointment?.telehealth),
				chargeCents: payment.chargeCents,
				paidCents: payment.paidCents,
				units: claim?.units ?? 1,
				serviceDate: appointment ? appointment.start.slice(0, 10) : null,
				adjustments: payment.adjustments.map((a) => ({ ...a })),
				controlNumber: claim ? lineControlNumber(claim) : null,
			},
		],
	};
}

function generatedRemittance(state: SandboxState, era: Era): Remittance {
	const payer = state.store.payer(era.payerId);
	const practice = state.store.practice;
	const payerName = payer?.name ?? '';
	return {
		traceNumber: era.traceNumber,
		originatorId: `1${String(990000000 + era.payerId).slice(-9)}`,
		paymentCents: era.amountCents,
		paymentDate: era.checkDate,
		payer: { name: payerName, electronicId: payer?.electronicPayerId ?? null, address: { street: `PO BOX ${1000 + era.payerId}`, city: 'SPRINGFIELD', state: 'IL', zip: '627010000' }, contactPhone: '8005550100' },
		payee: { name: practice.name, npi: practice.npi, taxId: practice.taxId, address: { ...practice.address } },
		claims: era.claimPayments.map((p) => claimPaymentOf(state, p, payerName)),
		providerAdjustmentCents: [],
	};
}

export function remittanceOf(state: SandboxState, era: Era): Remittance {
	if (era.uploadedText === null) return generatedRemittance(state, era);
	return read835(era.uploadedText).remittances[era.uploadedIndex ?? 0];
}

/** The 835 file: the uploaded text as it came, or a fresh interchange for a generated ERA. */
export function eraFileText(state: SandboxState, era: Era): string {
	if (era.uploadedText !== null) return era.uploadedText;
	const interchange: Interchange = {
		senderId: state.store.payer(era.payerId)?.electronicPayerId ?? 'SANDBOXPAYER',
		receiverId: state.store.practice.npi,
		controlNumber: era.id,
		createdAt: era.receivedAt,
		usage: 'T',
		remittances: [generatedRemittance(state, era)],
	};
	return write835(interchange);
}
