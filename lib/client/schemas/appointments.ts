import { z } from 'zod';
import { calendarDate } from './patient';

/** Appointment domain types. Times are practice-local ISO 8601 ("2026-11-26T14:30"), as the portal shows them. */
export const APPOINTMENT_STATUSES = ['scheduled', 'show', 'missed', 'cancelled', 'lateCancelled'] as const;
export const APPOINTMENT_TYPES = ['therapyIntake', 'therapySession', 'groupTherapy', 'psychologicalEvaluation', 'scheduledEvent', 'consultation'] as const;
/** Only these statuses can carry a "charge fee" (the portal's Missed / Cancelled dialogs). */
export const CHARGE_FEE_STATUSES = ['missed', 'cancelled', 'lateCancelled'] as const;

export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export const appointmentTypeSchema = z.enum(APPOINTMENT_TYPES);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;
export type AppointmentType = z.infer<typeof appointmentTypeSchema>;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function isRealDay(value: string): boolean {
	const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value.slice(0, 10);
}

/**
 * A practice-local start time. Accepts "2026-11-26T14:30", with ":00" seconds (n8n's date picker)
 * and milliseconds of zero; refuses a zone or offset, because the practice's time zone is not known
 * here and converting silently could book the wrong hour.
 */
export const appointmentStartSchema = z
	.string()
	.trim()
	.transform((value) => value.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):00(\.0+)?$/, '$1'))
	.refine((value) => LOCAL_DATE_TIME.test(value), 'must be a practice-local date-time like 2026-11-26T14:30 (no time zone, whole minutes)')
	.refine((value) => isRealDay(value) && Number(value.slice(11, 13)) < 24 && Number(value.slice(14, 16)) < 60, 'is not a real date and time');

const RECORD_REF = /^([1-9]\d{0,11}|[A-Za-z0-9_-]{16,22})$/;

/** A record reference as users give it: the numeric ID (number or digits) or the EncryptedID. */
export function idOrEncryptedId(what: string) {
	const message = `must be a numeric ${what} ID or an EncryptedID`;
	return z.union([z.number(), z.string()], { errorMap: () => ({ message }) }).transform((value, ctx): number | string => {
		const text = String(value).trim();
		if (!RECORD_REF.test(text)) {
			ctx.addIssue({ code: z.ZodIssueCode.custom, message });
			return z.NEVER;
		}
		return /^\d+$/.test(text) ? Number(text) : text;
	});
}

export const appointmentRefSchema = idOrEncryptedId('appointment');

export const appointmentSchema = z.object({
	id: z.number().int().positive(),
	encryptedId: z.string().min(1),
	status: appointmentStatusSchema,
	type: appointmentTypeSchema,
	start: z.string().regex(LOCAL_DATE_TIME),
	durationMinutes: z.number().int().nonnegative(),
	clinicianId: z.number().int(),
	patientIds: z.array(z.number().int()),
	/** CPT code; empty for a scheduled event. */
	serviceCode: z.string(),
	locationId: z.number().int(),
	telehealth: z.boolean(),
	chargeFee: z.boolean(),
	/** Names are here only for "All Fields" output; summaries leave them out. */
	patients: z.array(z.object({ id: z.number().int(), encryptedId: z.string(), firstName: z.string(), lastName: z.string() })),
});

export type Appointment = z.infer<typeof appointmentSchema>;

const statusFilter = z.union([appointmentStatusSchema, z.array(appointmentStatusSchema).min(1, 'needs at least one status')]).optional();

/** Longest range one list may cover: about ten years, i.e. five portal requests. */
export const APPOINTMENT_LIST_MAX_DAYS = 3660;

export const listAppointmentsSchema = z
	.object({ from: calendarDate, to: calendarDate, clinicianId: z.number().int().positive().optional(), status: statusFilter })
	.refine((p) => p.from <= p.to, { message: "must not be after 'to'", path: ['from'] })
	.refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < APPOINTMENT_LIST_MAX_DAYS, { message: `and 'to' must be less than ${APPOINTMENT_LIST_MAX_DAYS} days apart`, path: ['from'] });

export type ListAppointmentsParams = z.input<typeof listAppointmentsSchema>;

export const patientAppointmentsSchema = z
	.object({ from: calendarDate.optional(), to: calendarDate.optional(), status: statusFilter })
	.refine((p) => !p.from || !p.to || p.from <= p.to, { message: "must not be after 'to'", path: ['from'] });

export type PatientAppointmentsParams = z.input<typeof patientAppointmentsSchema>;

const patientRefs = z.array(idOrEncryptedId('patient')).max(20, 'holds more than 20 patients');

const entryFields = {
	type: appointmentTypeSchema,
	start: appointmentStartSchema,
	durationMinutes: z.number().int('must be whole minutes').min(5, 'must be at least 5 minutes').max(600, 'must be at most 600 minutes'),
	clinicianId: z.number().int().positive(),
	patientIds: patientRefs,
	serviceCode: z.string().trim().regex(/^[A-Za-z0-9]{4,6}$/, 'must be a service (CPT) code like 90834'),
	locationId: z.number().int().positive(),
	telehealth: z.boolean(),
};

export const createAppointmentSchema = z
	.object({
		...entryFields,
		patientIds: patientRefs.default([]),
		serviceCode: entryFields.serviceCode.optional(),
		locationId: entryFields.locationId.optional(),
		telehealth: entryFields.telehealth.default(false),
	})
	.superRefine((input, ctx) => {
		if (input.type === 'scheduledEvent') return;
		if (input.patientIds.length === 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['patientIds'], message: 'needs at least one patient (only a scheduled event has none)' });
		if (!input.serviceCode) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['serviceCode'], message: 'is required (only a scheduled event has none)' });
	});

export type CreateAppointmentInput = z.input<typeof createAppointmentSchema>;

export const updateAppointmentSchema = z
	.object(entryFields)
	.partial()
	.refine((changes) => Object.values(changes).some((v) => v !== undefined), { message: 'must change at least one field' });

export type UpdateAppointmentInput = z.input<typeof updateAppointmentSchema>;

export const appointmentStatusChangeSchema = z
	.object({ status: appointmentStatusSchema, chargeFee: z.boolean().default(false) })
	.refine((s) => !s.chargeFee || (CHARGE_FEE_STATUSES as readonly string[]).includes(s.status), {
		message: 'applies only to Missed, Cancelled or Late Cancelled',
		path: ['chargeFee'],
	});

export const telehealthLinkSchema = z.object({
	appointmentId: z.number().int().positive(),
	appointmentEncryptedId: z.string().min(1),
	url: z.string().url(),
	availableFrom: z.string().regex(LOCAL_DATE_TIME),
	availableUntil: z.string().regex(LOCAL_DATE_TIME),
});

export type TelehealthLink = z.infer<typeof telehealthLinkSchema>;
