import type { IDataObject } from 'n8n-workflow';
import type { Appointment, TherapyNotesClient } from '../../../lib/client';
import { diffAppointments, type AppointmentChange, type AppointmentWatchState } from '../../../lib/client/events/appointmentChanges';
import { eventIdentity } from '../../../lib/client/events/eventIds';
import { practiceToday, shiftDays } from './practiceDay';

export type AppointmentEvent = 'appointmentCreated' | 'appointmentUpdated' | 'appointmentStatusChanged';

const KIND: Record<AppointmentEvent, AppointmentChange<Appointment>['kind']> = {
	appointmentCreated: 'created',
	appointmentUpdated: 'updated',
	appointmentStatusChanged: 'statusChanged',
};

/** The watched window: a week back (late status changes) and 60 days ahead (bookings). */
export const LOOKBACK_DAYS = 7;
export const LOOKAHEAD_DAYS = 60;

export interface AppointmentFilters {
	statuses: string[];
	clinicianId: number | null;
	types: string[];
	includeContactDetails: boolean;
}

function matches(appointment: Appointment, filters: AppointmentFilters, event: AppointmentEvent): boolean {
	if (filters.clinicianId !== null && appointment.clinicianId !== filters.clinicianId) return false;
	if (filters.types.length && !filters.types.includes(appointment.type)) return false;
	if (event === 'appointmentStatusChanged' && filters.statuses.length && !filters.statuses.includes(appointment.status)) return false;
	return true;
}

/** Minimum necessary by default: ids, dates, status, clinician; names only when asked for. */
export function appointmentItem(event: AppointmentEvent, appointment: Appointment, identity: { eventId: string; idempotencyKey: string }, previousStatus: string | null, filters: AppointmentFilters): IDataObject {
	const item: IDataObject = {
		event,
		eventId: identity.eventId,
		idempotencyKey: identity.idempotencyKey,
		appointmentId: appointment.id,
		encryptedId: appointment.encryptedId,
		status: appointment.status,
		previousStatus,
		type: appointment.type,
		start: appointment.start,
		durationMinutes: appointment.durationMinutes,
		clinicianId: appointment.clinicianId,
		patientIds: appointment.patientIds,
		serviceCode: appointment.serviceCode,
		telehealth: appointment.telehealth,
		chargeFee: appointment.chargeFee,
	};
	if (filters.includeContactDetails) item.patients = appointment.patients.map((p) => ({ ...p }));
	return item;
}

export async function pollAppointments(client: TherapyNotesClient, event: AppointmentEvent, previous: AppointmentWatchState | null, filters: AppointmentFilters, timezone: string) {
	const today = practiceToday(timezone);
	const snapshot = await client.appointments.list({ from: shiftDays(today, -LOOKBACK_DAYS), to: shiftDays(today, LOOKAHEAD_DAYS) });
	const { changes, next } = diffAppointments(previous, snapshot);
	const items = changes
		.filter((c) => c.kind === KIND[event] && matches(c.appointment, filters, event))
		.map((c) => appointmentItem(event, c.appointment, c, c.previousStatus, filters));
	return { items, next, snapshot };
}

/** "Fetch Test Event": the most recent appointment that fits, shaped like a real event. */
export function sampleAppointment(event: AppointmentEvent, snapshot: Appointment[], filters: AppointmentFilters): IDataObject | null {
	const candidates = snapshot.filter((a) => matches(a, filters, event)).sort((a, b) => b.id - a.id);
	const pick = candidates[0];
	if (!pick) return null;
	return appointmentItem(event, pick, eventIdentity(`appointment.${KIND[event]}`, pick.id, 'sample'), null, filters);
}
