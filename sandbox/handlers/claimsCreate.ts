import { PortalError } from '../http/portalError';
import { APPOINTMENT_STATUS, type Appointment, type Claim, type InsurancePolicy, type Patient } from '../data/types';
import type { SandboxState } from '../state';
import { findAppointment, findPatient } from './common';
import { billedNote } from './claimsWire';

const STATUS_NAMES = Object.fromEntries(Object.entries(APPOINTMENT_STATUS).map(([name, value]) => [value, name]));

function billedPatient(state: SandboxState, appointment: Appointment, patientRef: string): Patient {
	if (patientRef) {
		const patient = findPatient(state, patientRef);
		if (!appointment.patientIds.includes(patient.id)) throw new PortalError('The patient is not on this appointment.', 'ValidationFailed');
		return patient;
	}
	if (appointment.patientIds.length === 0) throw new PortalError('The appointment has no patient; an event is not billable.', 'NotBillable');
	if (appointment.patientIds.length > 1) throw new PortalError(`Field 'patientid' is required for an appointment with several patients.`);
	return findPatient(state, appointment.patientIds[0]);
}

function coveringPolicy(state: SandboxState, patient: Patient, dateOfService: string): InsurancePolicy {
	const policies = state.store.policiesOf(patient.id);
	if (policies.length === 0) throw new PortalError('The patient is self-pay (no insurance policy); bill the patient instead of a payer.', 'SelfPay');
	const covering = policies.find((p) => p.startDate <= dateOfService && (p.endDate === null || p.endDate >= dateOfService));
	if (!covering) throw new PortalError('None of the patient\'s insurance policies covers the date of service.', 'NotCovered');
	return covering;
}

/** Refuses, naming the reason, unless the appointment is completed and its note signed. */
function signedNoteFor(state: SandboxState, appointment: Appointment, patient: Patient) {
	if (appointment.status !== APPOINTMENT_STATUS.Show) {
		throw new PortalError(`The appointment is ${STATUS_NAMES[appointment.status] ?? appointment.status}, not Show: only a completed appointment can be billed.`, 'AppointmentNotCompleted');
	}
	const note = billedNote(state, appointment.id, patient.id);
	if (!note) throw new PortalError('The appointment has no progress note; write and sign one before billing.', 'NoteNotSigned');
	if (note.status !== 'signed') {
		const why = note.status === 'awaiting-supervisor' ? 'awaits the supervisor\'s approval' : 'is not signed';
		throw new PortalError(`The progress note ${why}; only a signed note can be billed.`, 'NoteNotSigned', { NoteID: note.id });
	}
	return note;
}

/**
 * Creates the claim for one patient of a completed appointment. A second create for the same
 * appointment answers DuplicateClaim with the existing claim's ids, so a retried create is safe.
 */
export function createClaim(state: SandboxState, appointmentRef: string, patientRef: string, now: string): Claim {
	const appointment = findAppointment(state, appointmentRef);
	const patient = billedPatient(state, appointment, patientRef);
	const existing = [...state.store.claims.values()].find((c) => c.appointmentId === appointment.id && c.patientId === patient.id);
	if (existing) {
		throw new PortalError(`A claim already exists for this appointment (claim ${existing.id}).`, 'DuplicateClaim', { ExistingID: existing.id, ExistingEncryptedID: existing.encryptedId });
	}
	const note = signedNoteFor(state, appointment, patient);
	const policy = coveringPolicy(state, patient, appointment.start.slice(0, 10));
	const serviceCode = note.serviceCode || appointment.serviceCode;
	const service = state.store.serviceCodes.find((s) => s.code === serviceCode);
	if (!service) throw new PortalError(`The service code ${serviceCode} has no fee in the practice's fee schedule.`);
	const id = state.store.nextId('claim');
	const claim: Claim = {
		id, encryptedId: state.store.encryptedIdFor('claim', id), appointmentId: appointment.id, patientId: patient.id,
		policyId: policy.id, payerId: policy.payerId, status: 'Created', frequency: '1', chargeCents: service.feeCents,
		paidCents: 0, patientResponsibilityCents: 0, payerClaimNumber: null, rejectionCodes: [], eraId: null,
		createdAt: now, updatedAt: now, statusChangedAt: now, noteId: note.id, serviceCode, units: 1,
	};
	state.store.claims.set(id, claim);
	state.store.record('create', 'claim', id, now);
	return claim;
}
