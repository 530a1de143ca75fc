import { z } from 'zod';
import { PortalChangedError } from '../session/errors';
import { wireDateTime } from './wireTypes';
import { jsonCall, type Handler } from './call';
import { isoToPortalDate, isoToPortalTime, portalDateTimeToIso } from './dates';

/** Scheduling and telehealth handlers (loadschedule and savecalendarentry confirmed, the rest assumed). */
export const APPOINTMENT_HANDLERS = {
	schedule: { operation: 'scheduling/loadschedule', path: '/app/scheduling/loadschedule.aspx', msg: 7 },
	save: { operation: 'scheduling/save', path: '/app/scheduling/savecalendarentry.aspx', msg: 25 },
	get: { operation: 'scheduling/get', path: '/app/scheduling/loadcalendarentry.aspx', msg: 26 },
	setStatus: { operation: 'scheduling/setstatus', path: '/app/scheduling/setappointmentstatus.aspx', msg: 27 },
	forPatient: { operation: 'scheduling/patientappointments', path: '/app/patients/loadpatientappointments.aspx', msg: 6 },
	telehealthLink: { operation: 'telehealth/sessionlink', path: '/app/telehealth/getsessionlink.aspx', msg: 2 },
} satisfies Record<string, Handler>;

/** loadschedule's limits (assumed): each range at most 62 days, at most 12 ranges a request. */
export const SCHEDULE_MAX_RANGE_DAYS = 62;
export const SCHEDULE_MAX_RANGES = 12;

/** Wire numbers ↔ names. Status numbers other than 3 (cancelled) are assumed, see PORTAL.md. */
export const STATUS_CODES = { scheduled: 0, show: 1, missed: 2, cancelled: 3, lateCancelled: 4 } as const;
export const TYPE_CODES = { therapyIntake: 0, therapySession: 1, groupTherapy: 4, psychologicalEvaluation: 5, scheduledEvent: 6, consultation: 7 } as const;
export type StatusName = keyof typeof STATUS_CODES;
export type TypeName = keyof typeof TYPE_CODES;

const byCode = <K extends string>(codes: Record<K, number>) => new Map<number, K>(Object.entries(codes).map(([name, code]) => [code as number, name as K]));
const STATUS_BY_CODE = byCode<StatusName>(STATUS_CODES);
const TYPE_BY_CODE = byCode<TypeName>(TYPE_CODES);

function nameOf<K extends string>(names: Map<number, K>, what: string) {
	return z.number().int().transform((code, ctx) => {
		const name = names.get(code);
		if (name === undefined) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown ${what} ${code}` });
		return name as K;
	});
}

const calendarItemSchema = z.object({
	ID: z.number().int(),
	EncryptedID: z.string().min(1),
	Status: nameOf(STATUS_BY_CODE, 'status'),
	Type: nameOf(TYPE_BY_CODE, 'type'),
	StartDate: wireDateTime,
	Duration: z.number().int(),
	ClinicianID: z.number().int(),
	ServiceCode: z.string().nullable(),
	LocationID: z.number().int(),
	IsTelehealth: z.boolean(),
	ChargeFee: z.boolean(),
	Patients: z.array(z.object({ ID: z.number().int(), EncryptedID: z.string(), FirstName: z.string(), LastName: z.string() })),
});

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isInt = (value: unknown): value is number => Number.isInteger(value);

export interface CalendarPatient {
	id: number;
	encryptedId: string;
	firstName: string;
	lastName: string;
}

export interface WireAppointment {
	id: number;
	encryptedId: string;
	status: StatusName;
	type: TypeName;
	start: string;
	durationMinutes: number;
	clinicianId: number;
	patientIds: number[];
	serviceCode: string;
	locationId: number;
	telehealth: boolean;
	chargeFee: boolean;
	patients: CalendarPatient[];
}

function readPatients(value: unknown): CalendarPatient[] | null {
	if (!Array.isArray(value)) return null;
	const patients: CalendarPatient[] = [];
	for (const p of value) {
		if (!isObject(p) || !isInt(p.ID) || typeof p.EncryptedID !== 'string' || typeof p.FirstName !== 'string' || typeof p.LastName !== 'string') return null;
		patients.push({ id: p.ID, encryptedId: p.EncryptedID, firstName: p.FirstName, lastName: p.LastName });
	}
	return patients;
}

/**
 * One calendar item → domain fields, or null when any field is off. Checked by hand, as strictly
 * as calendarItemSchema, because a year of a clinic is ~50,000 items and zod takes seconds for
 * them on a small host; zod is consulted only to name the field of an item that failed.
 * `starts` memoises the date-time conversion: a calendar repeats the same slots all year.
 */
function readItem(item: unknown, starts: Map<string, string | null>): WireAppointment | null {
	if (!isObject(item)) return null;
	const status = STATUS_BY_CODE.get(item.Status as number);
	const type = TYPE_BY_CODE.get(item.Type as number);
	const patients = readPatients(item.Patients);
	let start = typeof item.StartDate === 'string' ? starts.get(item.StartDate) : null;
	if (start === undefined) starts.set(item.StartDate as string, (start = portalDateTimeToIso(item.StartDate as string)));
	if (!status || !type || !start || !patients || !isInt(item.ID) || !isInt(item.Duration) || !isInt(item.ClinicianID) || !isInt(item.LocationID)) return null;
	if (typeof item.EncryptedID !== 'string' || item.EncryptedID === '' || typeof item.IsTelehealth !== 'boolean' || typeof item.ChargeFee !== 'boolean') return null;
	if (item.ServiceCode !== null && typeof item.ServiceCode !== 'string') return null;
	return {
		id: item.ID,
		encryptedId: item.EncryptedID,
		status,
		type,
		start,
		durationMinutes: item.Duration,
		clinicianId: item.ClinicianID,
		patientIds: patients.map((p) => p.id),
		serviceCode: item.ServiceCode ?? '',
		locationId: item.LocationID,
		telehealth: item.IsTelehealth,
		chargeFee: item.ChargeFee,
		patients,
	};
}

/** A list whose items are read by hand below (zod would visit each of 50,000 items once more). */
const anyList = z.custom<unknown[]>((value) => Array.isArray(value), 'expected a list');

/** Reads one calendar item found at `path` of `operation`'s answer; a bad one is a PortalChangedError naming the field. */
function readCalendarItem(operation: string, path: (string | number)[], item: unknown, starts = new Map<string, string | null>()): WireAppointment {
	const row = readItem(item, starts);
	if (row) return row;
	const issue = calendarItemSchema.safeParse(item).error?.issues[0];
	throw new PortalChangedError(operation, [...path, ...(issue?.path ?? [])].join('.'), issue?.message ?? 'unexpected calendar item');
}

function readCalendarItems(operation: string, field: string, items: unknown[]): WireAppointment[] {
	const starts = new Map<string, string | null>();
	return items.map((item, i) => readCalendarItem(operation, [field, i], item, starts));
}

export interface DayRange {
	from: string;
	to: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (isoDay: string) => Date.parse(`${isoDay}T00:00:00Z`) / DAY_MS;
const dayText = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Cuts an inclusive day range into consecutive inclusive pieces of at most `maxDays` days. */
export function splitDayRange(range: DayRange, maxDays = SCHEDULE_MAX_RANGE_DAYS): DayRange[] {
	const pieces: DayRange[] = [];
	const last = dayNumber(range.to);
	for (let start = dayNumber(range.from); start <= last; start += maxDays) {
		pieces.push({ from: dayText(start), to: dayText(Math.min(start + maxDays - 1, last)) });
	}
	return pieces;
}

/** Groups ranges into requests of at most `perRequest` ranges each. */
export function batchRanges(ranges: DayRange[], perRequest = SCHEDULE_MAX_RANGES): DayRange[][] {
	const batches: DayRange[][] = [];
	for (let i = 0; i < ranges.length; i += perRequest) batches.push(ranges.slice(i, i + perRequest));
	return batches;
}

/** One loadschedule request for up to 12 ranges of one calendar (a clinician, or -1 for all). */
export function loadSchedule(ranges: DayRange[], clinicianId?: number) {
	const calendar = clinicianId ?? -1;
	const requestset = ranges.map((r) => ({ StartDate: isoToPortalDate(r.from), EndDate: isoToPortalDate(r.to), Calendar: calendar }));
	return jsonCall(
		APPOINTMENT_HANDLERS.schedule,
		{ requestset: JSON.stringify(requestset) },
		z.object({ CalendarItems: anyList }),
		(answer) => readCalendarItems(APPOINTMENT_HANDLERS.schedule.operation, 'CalendarItems', answer.CalendarItems),
		{ idempotent: true, ids: clinicianId === undefined ? [] : [clinicianId] },
	);
}

/** Every loadschedule request a day range needs, in date order. */
export function scheduleCalls(range: DayRange, clinicianId?: number) {
	return batchRanges(splitDayRange(range)).map((ranges) => loadSchedule(ranges, clinicianId));
}

export function patientAppointments(patientRef: string | number) {
	return jsonCall(
		APPOINTMENT_HANDLERS.forPatient,
		{ patientid: String(patientRef) },
		z.object({ Success: z.literal(true), Appointments: anyList }),
		(answer) => readCalendarItems(APPOINTMENT_HANDLERS.forPatient.operation, 'Appointments', answer.Appointments),
		{ idempotent: true, ids: [patientRef] },
	);
}

export function getAppointment(ref: string | number) {
	return jsonCall(
		APPOINTMENT_HANDLERS.get,
		{ calendarentryid: String(ref) },
		z.object({ Success: z.literal(true), Entry: z.unknown() }),
		(answer) => readCalendarItem(APPOINTMENT_HANDLERS.get.operation, ['Entry'], answer.Entry),
		{ idempotent: true, ids: [ref] },
	);
}

/** The fields of a calendar entry a save may set; an update sends only what changes. */
export interface EntryFields {
	type?: TypeName;
	/** Practice-local "YYYY-MM-DDTHH:mm". */
	start?: string;
	durationMinutes?: number;
	clinicianId?: number;
	patients?: (string | number)[];
	serviceCode?: string;
	locationId?: number;
	telehealth?: boolean;
}

function entryWire(id: number, fields: EntryFields): Record<string, unknown> {
	const entry: Record<string, unknown> = { ID: id };
	if (fields.type !== undefined) entry.Type = TYPE_CODES[fields.type];
	if (fields.start !== undefined) {
		entry.StartDate = isoToPortalDate(fields.start);
		entry.StartTime = isoToPortalTime(fields.start);
	}
	if (fields.durationMinutes !== undefined) entry.Duration = fields.durationMinutes;
	if (fields.clinicianId !== undefined) entry.Clinician = fields.clinicianId;
	if (fields.patients !== undefined) entry.Patients = fields.patients;
	if (fields.serviceCode !== undefined) entry.ServiceCode = fields.serviceCode;
	if (fields.telehealth !== undefined) entry.LocationType = fields.telehealth ? 1 : 0;
	if (fields.locationId !== undefined) entry.LocationID = fields.locationId;
	return entry;
}

const savedSchema = z.object({ Success: z.literal(true), ID: z.number().int(), EncryptedID: z.string().min(1) });

/** A new calendar entry: not idempotent, a lost answer is reported and never resent by the pipeline. */
export function createAppointment(fields: EntryFields) {
	return jsonCall(APPOINTMENT_HANDLERS.save, { entry: JSON.stringify(entryWire(-1, fields)) }, savedSchema, (a) => ({ id: a.ID, encryptedId: a.EncryptedID }), {
		idempotent: false,
		ids: fields.clinicianId === undefined ? [] : [fields.clinicianId],
	});
}

/** Saving the same fields onto an existing entry twice leaves it the same: safe to retry. */
export function updateAppointment(id: number, fields: EntryFields) {
	const call = jsonCall(APPOINTMENT_HANDLERS.save, { entry: JSON.stringify(entryWire(id, fields)) }, savedSchema, (a) => ({ id: a.ID, encryptedId: a.EncryptedID }), {
		idempotent: true,
		ids: [id],
	});
	return { ...call, kind: 'write' as const };
}

/** Setting a status is a plain assignment (no toggle), so a repeat changes nothing. */
export function setAppointmentStatus(ref: string | number, status: StatusName, chargeFee: boolean) {
	const call = jsonCall(
		APPOINTMENT_HANDLERS.setStatus,
		{ calendarentryid: String(ref), status: String(STATUS_CODES[status]), chargefee: String(chargeFee) },
		z.object({ Success: z.literal(true), ID: z.number().int(), Status: nameOf(STATUS_BY_CODE, 'status') }),
		(a) => ({ id: a.ID, status: a.Status }),
		{ idempotent: true, ids: [ref] },
	);
	return { ...call, kind: 'write' as const };
}

export function telehealthLink(ref: string | number) {
	return jsonCall(
		APPOINTMENT_HANDLERS.telehealthLink,
		{ calendarentryid: String(ref) },
		z.object({
			Success: z.literal(true),
			CalendarEntryID: z.number().int(),
			CalendarEntryEncryptedID: z.string().min(1),
			Url: z.string().url(),
			AvailableFrom: wireDateTime,
			AvailableUntil: wireDateTime,
		}),
		(a) => ({ appointmentId: a.CalendarEntryID, appointmentEncryptedId: a.CalendarEntryEncryptedID, url: a.Url, availableFrom: a.AvailableFrom, availableUntil: a.AvailableUntil }),
		{ idempotent: true, ids: [ref] },
	);
}
