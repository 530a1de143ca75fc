import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { Appointment } from '../data/types';
import { APPOINTMENT_STATUS, APPOINTMENT_TYPES } from '../data/types';
import type { SandboxState } from '../state';
import { addDays, fromPortalDate, fromPortalTime } from '../util/dates';
import { asArray, asObject, findAppointment, findClinician, findPatient, optBool, optInt, optString, ok, saved, type Json } from './common';
import { calendarItem } from './wire';

const MAX_RANGE_DAYS = 62;
const TYPES = new Set<number>(Object.values(APPOINTMENT_TYPES));
const STATUSES = new Set<number>(Object.values(APPOINTMENT_STATUS));

function loadSchedule({ ctx, state }: HandlerArgs) {
	const sets = asArray(ctx.json('requestset'), 'requestset');
	if (sets.length === 0 || sets.length > 12) throw new PortalError(`'requestset' must hold 1 to 12 ranges.`);
	const items: ReturnType<typeof calendarItem>[] = [];
	sets.forEach((raw, index) => {
		const where = `requestset[${index}]`;
		const set = asObject(raw, where);
		const start = fromPortalDate(String(set.StartDate ?? ''));
		const end = fromPortalDate(String(set.EndDate ?? ''));
		if (!start) throw new PortalError(`'${where}.StartDate' must be a date like 01/31/2026.`);
		if (!end) throw new PortalError(`'${where}.EndDate' must be a date like 01/31/2026.`);
		if (end < start) throw new PortalError(`'${where}.EndDate' is before StartDate.`);
		if (end > addDays(start, MAX_RANGE_DAYS)) throw new PortalError(`'${where}' spans more than ${MAX_RANGE_DAYS} days.`);
		const calendar = optInt(set, 'Calendar', where) ?? -1;
		const endExclusive = addDays(end, 1);
		for (const appointment of state.store.appointments.values()) {
			if (appointment.start < start || appointment.start >= endExclusive) continue;
			if (calendar !== -1 && appointment.clinicianId !== calendar) continue;
			items.push(calendarItem(state, appointment));
		}
	});
	items.sort((a, b) => a.ID - b.ID);
	return { CalendarItems: items };
}

function loadEntry({ ctx, state }: HandlerArgs) {
	const appointment = findAppointment(state, ctx.str('calendarentryid', { required: true }));
	return ok({ Entry: calendarItem(state, appointment) });
}

function patientAppointments({ ctx, state }: HandlerArgs) {
	const patient = findPatient(state, ctx.str('patientid', { required: true }));
	const rows = [...state.store.appointments.values()].filter((a) => a.patientIds.includes(patient.id));
	return ok({ Appointments: rows.map((a) => calendarItem(state, a)) });
}

function readEntry(state: SandboxState, entry: Json, existing: Appointment | undefined) {
	const where = 'entry';
	const type = optInt(entry, 'Type', where) ?? existing?.type;
	if (type === undefined || !TYPES.has(type)) throw new PortalError(`'entry.Type' must be one of ${[...TYPES].join(', ')}.`);
	const dateText = optString(entry, 'StartDate', where, 10);
	const timeText = optString(entry, 'StartTime', where, 10);
	const date = dateText === undefined ? existing?.start.slice(0, 10) : fromPortalDate(dateText);
	const time = timeText === undefined ? existing?.start.slice(11, 16) : fromPortalTime(timeText);
	if (!date) throw new PortalError(`'entry.StartDate' must be a date like 01/31/2026.`);
	if (!time) throw new PortalError(`'entry.StartTime' must be a time like 2:30PM.`);
	const duration = optInt(entry, 'Duration', where) ?? existing?.durationMinutes;
	if (duration === undefined || duration < 5 || duration > 600) throw new PortalError(`'entry.Duration' must be 5 to 600 minutes.`);
	const clinicianId = optInt(entry, 'Clinician', where) ?? existing?.clinicianId;
	findClinician(state, clinicianId);
	const patientRefs = entry.Patients === undefined ? existing?.patientIds : asArray(entry.Patients, 'entry.Patients');
	const patientIds = (patientRefs ?? []).map((ref) => findPatient(state, ref).id);
	if (type !== APPOINTMENT_TYPES.ScheduledEvent && patientIds.length === 0) throw new PortalError(`'entry.Patients' needs at least one patient.`);
	const serviceCode = optString(entry, 'ServiceCode', where, 10) ?? existing?.serviceCode ?? '';
	if (type !== APPOINTMENT_TYPES.ScheduledEvent && !state.store.serviceCodes.some((s) => s.code === serviceCode)) {
		throw new PortalError(`'entry.ServiceCode' is not a service code of this practice.`);
	}
	const locationType = optInt(entry, 'LocationType', where);
	if (locationType !== undefined && locationType !== 0 && locationType !== 1) throw new PortalError(`'entry.LocationType' must be 0 (in office) or 1 (telehealth).`);
	const telehealth = locationType === undefined ? (optBool(entry, 'IsTelehealth', where) ?? existing?.telehealth ?? false) : locationType === 1;
	const locationId = optInt(entry, 'LocationID', where) ?? existing?.locationId ?? (telehealth ? 2 : 1);
	if (!state.store.locations.some((l) => l.id === locationId)) throw new PortalError(`'entry.LocationID' is not a location of this practice.`);
	return { type, start: `${date}T${time}`, durationMinutes: duration, clinicianId: clinicianId!, patientIds, serviceCode, telehealth, locationId };
}

function saveEntry({ ctx, state, now }: HandlerArgs) {
	const entry = asObject(ctx.json('entry'), 'entry');
	const id = optInt(entry, 'ID', 'entry') ?? -1;
	const existing = id === -1 ? undefined : findAppointment(state, id);
	const fields = readEntry(state, entry, existing);
	if (existing) {
		Object.assign(existing, fields, { updatedAt: now });
		state.store.record('update', 'appointment', existing.id, now);
		return saved(existing.id, existing.encryptedId);
	}
	const newId = state.store.nextId('appointment');
	const appointment: Appointment = {
		id: newId,
		encryptedId: state.store.encryptedIdFor('appointment', newId),
		status: APPOINTMENT_STATUS.Scheduled,
		chargeFee: false,
		createdAt: now,
		updatedAt: now,
		...fields,
	};
	state.store.appointments.set(newId, appointment);
	state.store.record('create', 'appointment', newId, now);
	return saved(newId, appointment.encryptedId);
}

export function setAppointmentStatus(state: SandboxState, appointment: Appointment, status: number, chargeFee: boolean, now: string) {
	if (!STATUSES.has(status)) throw new PortalError(`'status' must be one of ${[...STATUSES].join(', ')}.`);
	const feeAllowed = status === APPOINTMENT_STATUS.Missed || status === APPOINTMENT_STATUS.Cancelled || status === APPOINTMENT_STATUS.LateCancelled;
	if (chargeFee && !feeAllowed) throw new PortalError(`'chargefee' applies only to Missed, Cancelled or Late Cancelled.`);
	appointment.status = status;
	appointment.chargeFee = chargeFee;
	appointment.updatedAt = now;
	state.store.record('status', 'appointment', appointment.id, now);
}

function setStatus({ ctx, state, now }: HandlerArgs) {
	const appointment = findAppointment(state, ctx.str('calendarentryid', { required: true }));
	setAppointmentStatus(state, appointment, ctx.int('status', { required: true }), ctx.bool('chargefee'), now);
	return ok({ ID: appointment.id, Status: appointment.status });
}

export const SCHEDULING_HANDLERS: PortalHandler[] = [
	{ name: 'scheduling/loadschedule', path: '/app/scheduling/loadschedule.aspx', msg: 7, provenance: 'confirmed', fields: 'requestset = JSON [{StartDate, EndDate, Calendar: -1 or userId}] (≤ 62 days each, assumed limit)', answer: '`CalendarItems[]`: ID, EncryptedID, Status, Type, StartDate ("MM/DD/YYYY h:mmPM", assumed), Duration, ClinicianID, ServiceCode, LocationID, LocationType, IsTelehealth, ChargeFee, Patients[]', handle: loadSchedule },
	{ name: 'scheduling/save', path: '/app/scheduling/savecalendarentry.aspx', msg: 25, provenance: 'confirmed', fields: 'entry = JSON {ID (-1 new), Type, StartDate, StartTime, Duration, Clinician, Patients, ServiceCode, LocationType, LocationID}', answer: '`Success`, `Errors[]`, `ID`, `EncryptedID`', handle: saveEntry },
	{ name: 'scheduling/get', path: '/app/scheduling/loadcalendarentry.aspx', msg: 26, provenance: 'assumed', fields: 'calendarentryid (ID or EncryptedID)', answer: '`Entry` (a calendar item)', handle: loadEntry },
	{ name: 'scheduling/setstatus', path: '/app/scheduling/setappointmentstatus.aspx', msg: 27, provenance: 'assumed', fields: 'calendarentryid, status (0 Scheduled, 1 Show, 2 Missed, 3 Cancelled, 4 Late Cancelled), chargefee', answer: '`Success`, `ID`, `Status`', handle: setStatus },
	{ name: 'scheduling/patientappointments', path: '/app/patients/loadpatientappointments.aspx', msg: 6, provenance: 'assumed', fields: 'patientid', answer: '`Appointments[]` (calendar items)', handle: patientAppointments },
];
