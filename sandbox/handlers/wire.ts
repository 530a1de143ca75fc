import type { SandboxState } from '../state';
import type { Appointment, InsurancePolicy, Patient } from '../data/types';
import { centsToDollars, toPortalDate, toPortalDateTime } from '../util/dates';
import { clinicianName } from './common';

/** Record → wire shapes shared by several handlers and pages (PascalCase, portal formats). */

const PRIORITY_NAMES = { 1: 'Primary', 2: 'Secondary', 3: 'Tertiary' } as const;

export function assignedClinicians(state: SandboxState, patient: Patient) {
	return patient.assignedClinicianIds.map((id) => ({ ID: id, Name: clinicianName(state.store.user(id)) }));
}

export function patientMatch(state: SandboxState, patient: Patient) {
	return {
		ID: patient.id,
		EncryptedID: patient.encryptedId,
		FirstName: patient.firstName,
		MiddleName: patient.middleName,
		LastName: patient.lastName,
		DOB: toPortalDate(patient.dob),
		PortalUserId: patient.portalUserId,
		AssignedClinicians: assignedClinicians(state, patient),
	};
}

export function patientDetail(state: SandboxState, patient: Patient) {
	return {
		...patientMatch(state, patient),
		Sex: patient.sex,
		Email: patient.email,
		Phone: patient.phone,
		Address: { Street: patient.address.street, City: patient.address.city, State: patient.address.state, Zip: patient.address.zip },
		ExternalID: patient.externalId,
		Status: patient.status === 'active' ? 'Active' : 'Inactive',
		PortalStatus: patient.portalStatus,
		SessionFee: centsToDollars(patient.sessionFeeCents),
		FeePolicyAcknowledged: patient.feePolicyAcknowledged,
		CreatedDate: toPortalDateTime(patient.createdAt),
	};
}

export function policyWire(state: SandboxState, policy: InsurancePolicy) {
	return {
		ID: policy.id,
		PatientID: policy.patientId,
		Priority: PRIORITY_NAMES[policy.priority],
		PayerID: policy.payerId,
		PayerName: state.store.payer(policy.payerId)?.name ?? '',
		ElectronicPayerID: state.store.payer(policy.payerId)?.electronicPayerId ?? '',
		MemberID: policy.memberId,
		GroupNumber: policy.groupNumber,
		Copay: centsToDollars(policy.copayCents),
		StartDate: toPortalDate(policy.startDate),
		EndDate: policy.endDate ? toPortalDate(policy.endDate) : null,
		Relationship: policy.relationship,
	};
}

export function priorityFromName(name: string): 1 | 2 | 3 | null {
	const entry = Object.entries(PRIORITY_NAMES).find(([, label]) => label.toLowerCase() === name.toLowerCase());
	return entry ? (Number(entry[0]) as 1 | 2 | 3) : null;
}

export function calendarItem(state: SandboxState, appointment: Appointment) {
	return {
		ID: appointment.id,
		EncryptedID: appointment.encryptedId,
		Status: appointment.status,
		Type: appointment.type,
		StartDate: toPortalDateTime(appointment.start),
		Duration: appointment.durationMinutes,
		ClinicianID: appointment.clinicianId,
		ServiceCode: appointment.serviceCode,
		LocationID: appointment.locationId,
		LocationType: appointment.telehealth ? 1 : 0,
		IsTelehealth: appointment.telehealth,
		ChargeFee: appointment.chargeFee,
		Patients: appointment.patientIds.map((id) => {
			const patient = state.store.patients.get(id);
			return { ID: id, EncryptedID: patient?.encryptedId ?? '', FirstName: patient?.firstName ?? '', LastName: patient?.lastName ?? '' };
		}),
	};
}
