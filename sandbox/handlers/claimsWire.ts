import { PortalError } from '../http/portalError';
import type { Address, Claim, Note, Patient } from '../data/types';
import { NOTE_TYPES } from '../data/types';
import type { SandboxState } from '../state';
import { centsToDollars, toPortalDate, toPortalDateTime } from '../util/dates';
import { wireClaimStatus } from './claimsRules';

/** Claim record → the portal's wire shapes: a list row, and the detail an 837P is built from. */

export function findClaim(state: SandboxState, ref: unknown): Claim {
	const id = typeof ref === 'string' || typeof ref === 'number' ? state.store.resolve('claim', ref) : null;
	const claim = id === null ? undefined : state.store.claims.get(id);
	if (!claim) throw new PortalError('The claim could not be found.', 'NotFound');
	return claim;
}

const BILLABLE_NOTE_TYPES = new Set<number>([NOTE_TYPES.ProgressNote, NOTE_TYPES.Intake]);

/** The note that bills an appointment for a patient: a billable progress or intake note, signed first. */
export function billedNote(state: SandboxState, appointmentId: number, patientId: number): Note | undefined {
	let found: Note | undefined;
	for (const note of state.store.notes.values()) {
		if (note.appointmentId !== appointmentId || note.patientId !== patientId || !note.isBillable || !BILLABLE_NOTE_TYPES.has(note.noteType)) continue;
		if (note.status === 'signed') return note;
		found ??= note;
	}
	return found;
}

/** Telehealth is billed with modifier 95 (synchronous audio-video). */
export function modifiersFor(telehealth: boolean | undefined): string[] {
	return telehealth ? ['95'] : [];
}

export function serviceCodeOf(state: SandboxState, claim: Claim): string {
	return claim.serviceCode ?? state.store.appointments.get(claim.appointmentId)?.serviceCode ?? '';
}

const addressWire = (a: Address) => ({ Street: a.street, City: a.city, State: a.state, Zip: a.zip });

const personWire = (p: Patient | undefined) => ({
	FirstName: p?.firstName ?? '', MiddleName: p?.middleName ?? '', LastName: p?.lastName ?? '',
	DOB: p ? toPortalDate(p.dob) : '', Sex: p?.sex ?? 'U', Address: addressWire(p?.address ?? { street: '', city: '', state: '', zip: '' }),
});

export function claimRow(state: SandboxState, claim: Claim) {
	const appointment = state.store.appointments.get(claim.appointmentId);
	const patient = state.store.patients.get(claim.patientId);
	return {
		ID: claim.id,
		EncryptedID: claim.encryptedId,
		Status: wireClaimStatus(claim.status),
		PatientID: claim.patientId,
		PatientEncryptedID: patient?.encryptedId ?? '',
		PatientName: patient ? `${patient.firstName} ${patient.lastName}` : '',
		AppointmentID: claim.appointmentId,
		AppointmentEncryptedID: appointment?.encryptedId ?? '',
		PayerID: claim.payerId,
		PayerName: state.store.payer(claim.payerId)?.name ?? '',
		DateOfService: appointment ? toPortalDate(appointment.start) : '',
		ServiceCode: serviceCodeOf(state, claim),
		ChargeAmount: centsToDollars(claim.chargeCents),
		PaidAmount: centsToDollars(claim.paidCents),
		PatientResponsibility: centsToDollars(claim.patientResponsibilityCents),
		Frequency: claim.frequency,
		PayerClaimNumber: claim.payerClaimNumber,
		RejectionCodes: [...claim.rejectionCodes],
		ERAID: claim.eraId,
		CreatedDate: toPortalDateTime(claim.createdAt),
		UpdatedDate: toPortalDateTime(claim.updatedAt),
		SubmittedDate: claim.submittedAt ? toPortalDateTime(claim.submittedAt) : null,
	};
}

/** Everything an 837P needs, so a client can build the claim file without other calls. */
export function claimDetail(state: SandboxState, claim: Claim) {
	const { store } = state;
	const appointment = store.appointments.get(claim.appointmentId);
	const patient = store.patients.get(claim.patientId);
	const policy = store.policies.get(claim.policyId);
	const payer = store.payer(claim.payerId);
	const clinician = appointment ? store.user(appointment.clinicianId) : undefined;
	const location = store.locations.find((l) => l.id === appointment?.locationId);
	const note = (claim.noteId === undefined ? undefined : store.notes.get(claim.noteId)) ?? billedNote(state, claim.appointmentId, claim.patientId);
	const diagnoses = note ? [...note.diagnoses] : [];
	return {
		...claimRow(state, claim),
		PatientControlNumber: String(claim.id),
		NoteID: note?.id ?? null,
		BillingProvider: { Name: store.practice.name, NPI: store.practice.npi, TaxID: store.practice.taxId, Address: addressWire(store.practice.address) },
		RenderingProvider: { ID: clinician?.id ?? null, FirstName: clinician?.firstName ?? '', LastName: clinician?.lastName ?? '', NPI: clinician?.npi ?? '', Credentials: clinician?.credentials ?? '' },
		Payer: { ID: claim.payerId, Name: payer?.name ?? '', ElectronicPayerID: payer?.electronicPayerId ?? '' },
		// The sandbox's policies record no separate subscriber; every policy holder is the patient.
		Subscriber: { ...personWire(patient), MemberID: policy?.memberId ?? '', GroupNumber: policy?.groupNumber ?? '', Relationship: policy?.relationship ?? 'self', PolicyPriority: policy?.priority ?? 1 },
		Patient: { ID: claim.patientId, EncryptedID: patient?.encryptedId ?? '', ...personWire(patient) },
		PlaceOfService: location?.placeOfService ?? '11',
		ServiceFacility: location && location.address.street ? { Name: location.name, Address: addressWire(location.address) } : null,
		Diagnoses: diagnoses,
		ServiceLines: [
			{
				LineNumber: 1,
				LineControlNumber: lineControlNumber(claim),
				ServiceCode: serviceCodeOf(state, claim),
				Modifiers: modifiersFor(appointment?.telehealth),
				Units: claim.units ?? 1,
				ChargeAmount: centsToDollars(claim.chargeCents),
				ServiceDate: appointment ? toPortalDate(appointment.start) : '',
				DiagnosisPointers: diagnoses.slice(0, 4).map((_, i) => i + 1),
			},
		],
	};
}

/** The 837's REF*6R for the claim's only line; the 835 echoes it back. */
export function lineControlNumber(claim: Claim): string {
	return `${claim.id}-1`;
}
