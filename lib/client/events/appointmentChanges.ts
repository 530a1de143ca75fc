import type { Appointment } from '../schemas/appointments';
import { digest21, FingerprintSet, fingerprintStatus, packFingerprint } from './fingerprints';
import { eventIdentity } from './eventIds';

/** The appointment fields a change is judged on (names and encrypted ids are not). */
export type AppointmentSnapshot = Pick<Appointment, 'id' | 'status' | 'type' | 'start' | 'durationMinutes' | 'clinicianId' | 'patientIds' | 'serviceCode' | 'locationId' | 'telehealth' | 'chargeFee'>;

export const STATUS_CODES: Record<string, number> = { scheduled: 0, show: 1, missed: 2, cancelled: 3, lateCancelled: 4 };
const STATUS_NAMES = Object.fromEntries(Object.entries(STATUS_CODES).map(([name, code]) => [code, name]));

export interface AppointmentWatchState {
	v: 1;
	/** Highest appointment id ever seen: ids only grow, so a higher one is a new appointment. */
	maxId: number;
	/** Fingerprints of the appointments inside the watched window at the last poll. */
	prints: string;
}

export type AppointmentChangeKind = 'created' | 'updated' | 'statusChanged';

export interface AppointmentChange<T extends AppointmentSnapshot> {
	kind: AppointmentChangeKind;
	appointment: T;
	previousStatus: string | null;
	eventId: string;
	idempotencyKey: string;
}

function fingerprintOf(appointment: AppointmentSnapshot): number {
	const a = appointment;
	const fields = [a.type, a.start, a.durationMinutes, a.clinicianId, [...a.patientIds].sort(), a.serviceCode, a.locationId, a.telehealth, a.chargeFee];
	return packFingerprint(STATUS_CODES[a.status] ?? 7, digest21(fields));
}

/**
 * Compares a fresh snapshot of the watched window with the last one. New ids above the
 * watermark are "created"; a changed status is "statusChanged"; any change is "updated".
 * Appointments that merely slid into the window are recorded silently. With no previous state
 * the snapshot becomes the baseline and nothing is reported.
 */
export function diffAppointments<T extends AppointmentSnapshot>(previous: AppointmentWatchState | null, snapshot: T[]) {
	const before = FingerprintSet.decode(previous?.prints);
	const after = new FingerprintSet();
	const changes: AppointmentChange<T>[] = [];
	let maxId = previous?.maxId ?? 0;
	for (const appointment of snapshot) {
		const print = fingerprintOf(appointment);
		after.set(appointment.id, print);
		maxId = Math.max(maxId, appointment.id);
		if (!previous) continue;
		const old = before.get(appointment.id);
		if (old === undefined) {
			if (appointment.id > previous.maxId) changes.push(change('created', appointment, null, print));
			continue;
		}
		if (old === print) continue;
		const oldStatus = STATUS_NAMES[fingerprintStatus(old)] ?? null;
		if (oldStatus !== appointment.status) changes.push(change('statusChanged', appointment, oldStatus, print));
		changes.push(change('updated', appointment, oldStatus, print));
	}
	const next: AppointmentWatchState = { v: 1, maxId, prints: after.encode() };
	return { changes, next };
}

function change<T extends AppointmentSnapshot>(kind: AppointmentChangeKind, appointment: T, previousStatus: string | null, print: number): AppointmentChange<T> {
	return { kind, appointment, previousStatus, ...eventIdentity(`appointment.${kind}`, appointment.id, print) };
}
