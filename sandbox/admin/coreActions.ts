import type { AdminAction } from './actions';
import { AdminInputError, numberField } from './actions';
import { findAppointment, findClinician, findPatient } from '../handlers/common';
import { setAppointmentStatus } from '../handlers/scheduling';
import { APPOINTMENT_STATUS, APPOINTMENT_TYPES, type Appointment, type Patient } from '../data/types';
import { firstName, lastName, address } from '../data/names';

const ISO_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Front desk marks Show / Missed / Cancelled / Late Cancelled (with the fee choice), as in the UI. */
const appointmentStatus: AdminAction = (state, body, now) => {
	const appointment = findAppointment(state, numberField(body, 'appointmentId'));
	setAppointmentStatus(state, appointment, numberField(body, 'status'), body.chargeFee === true, now);
	return { id: appointment.id, status: appointment.status, chargeFee: appointment.chargeFee };
};

/** Drag an appointment to a new time or change its length. */
const appointmentUpdate: AdminAction = (state, body, now) => {
	const appointment = findAppointment(state, numberField(body, 'appointmentId'));
	if (body.start !== undefined) {
		if (typeof body.start !== 'string' || !ISO_LOCAL.test(body.start)) throw new AdminInputError('start must be YYYY-MM-DDTHH:mm');
		appointment.start = body.start;
	}
	if (body.durationMinutes !== undefined) appointment.durationMinutes = numberField(body, 'durationMinutes');
	appointment.updatedAt = now;
	state.store.record('update', 'appointment', appointment.id, now, 'admin');
	return { id: appointment.id, start: appointment.start, durationMinutes: appointment.durationMinutes };
};

const appointmentCreate: AdminAction = (state, body, now) => {
	const patient = findPatient(state, numberField(body, 'patientId'));
	const clinicianId = body.clinicianId === undefined ? patient.assignedClinicianIds[0] : numberField(body, 'clinicianId');
	findClinician(state, clinicianId);
	const start = typeof body.start === 'string' && ISO_LOCAL.test(body.start) ? body.start : null;
	if (!start) throw new AdminInputError('start must be YYYY-MM-DDTHH:mm');
	const id = state.store.nextId('appointment');
	const appointment: Appointment = {
		id,
		encryptedId: state.store.encryptedIdFor('appointment', id),
		type: body.type === undefined ? APPOINTMENT_TYPES.TherapySession : numberField(body, 'type'),
		status: APPOINTMENT_STATUS.Scheduled,
		start,
		durationMinutes: body.durationMinutes === undefined ? 45 : numberField(body, 'durationMinutes'),
		clinicianId,
		patientIds: [patient.id],
		serviceCode: typeof body.serviceCode === 'string' ? body.serviceCode : '90834',
		locationId: body.telehealth === true ? 2 : 1,
		telehealth: body.telehealth === true,
		chargeFee: false,
		createdAt: now,
		updatedAt: now,
	};
	state.store.appointments.set(id, appointment);
	state.store.record('create', 'appointment', id, now, 'admin');
	return { id, encryptedId: appointment.encryptedId };
};

/** A new client entered by the front desk, with generated synthetic demographics. */
const patientCreate: AdminAction = (state, body, now) => {
	const id = state.store.nextId('patient');
	const clinician = state.store.users.find((u) => u.isClinician)!;
	const patient: Patient = {
		id,
		encryptedId: state.store.encryptedIdFor('patient', id),
		firstName: typeof body.firstName === 'string' ? body.firstName : firstName(state.random),
		middleName: '',
		lastName: typeof body.lastName === 'string' ? body.lastName : lastName(state.random),
		dob: typeof body.dob === 'string' ? body.dob : '1990-01-15',
		sex: 'U',
		email: `client${id}@example.test`,
		phone: '555-0100',
		address: address(state.random),
		externalId: typeof body.externalId === 'string' ? body.externalId : null,
		status: 'active',
		assignedClinicianIds: [body.clinicianId === undefined ? clinician.id : numberField(body, 'clinicianId')],
		portalUserId: null,
		portalStatus: 'NotInvited',
		sessionFeeCents: 15000,
		feePolicyAcknowledged: body.feePolicyAcknowledged === true,
		createdAt: now,
		updatedAt: now,
	};
	state.store.patients.set(id, patient);
	state.store.record('create', 'patient', id, now, 'admin');
	return { id, encryptedId: patient.encryptedId };
};

export const CORE_ACTIONS: Record<string, AdminAction> = {
	'appointment-status': appointmentStatus,
	'appointment-update': appointmentUpdate,
	'appointment-create': appointmentCreate,
	'patient-create': patientCreate,
};
