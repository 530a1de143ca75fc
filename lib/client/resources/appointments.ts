import type { z, ZodTypeAny } from 'zod';
import { appointments as wire } from '../../portal';
import type { EntryFields, WireAppointment } from '../../portal/appointments';
import { PortalHttpError, WriteOutcomeUnknownError } from '../../session/errors';
import {
	appointmentRefSchema,
	appointmentSchema,
	appointmentStatusChangeSchema,
	createAppointmentSchema,
	listAppointmentsSchema,
	patientAppointmentsSchema,
	telehealthLinkSchema,
	updateAppointmentSchema,
	type Appointment,
	type AppointmentStatus,
	type CreateAppointmentInput,
	type ListAppointmentsParams,
	type PatientAppointmentsParams,
	type TelehealthLink,
	type UpdateAppointmentInput,
} from '../schemas/appointments';
import { patientRefSchema } from '../schemas/patient';
import { checkInput, checkOutput, InvalidInputError } from '../validation';
import type { Requester } from './patients';

/**
 * Like checkInput, but names the failing field itself ("start", not "input.start"), so a node's
 * error names the parameter the user filled in.
 */
export function checkFields<S extends ZodTypeAny>(schema: S, value: unknown, whole: string): z.infer<S> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	throw new InvalidInputError(issue.path.length ? issue.path.join('.') : whole, issue.message);
}

/** A write whose answer never arrived (or that failed with a 5xx) may or may not have been saved. */
export function outcomeUnknown(error: unknown): boolean {
	return error instanceof WriteOutcomeUnknownError || (error instanceof PortalHttpError && error.status >= 500);
}

/** Start time, then id: the order a calendar shows. Start strings are fixed-width ISO, so text order is time order. */
function byStart(a: WireAppointment, b: WireAppointment): number {
	return a.start < b.start ? -1 : a.start > b.start ? 1 : a.id - b.id;
}

function withStatus(rows: WireAppointment[], status: AppointmentStatus | AppointmentStatus[] | undefined): WireAppointment[] {
	if (status === undefined) return rows;
	const wanted = new Set<string>(Array.isArray(status) ? status : [status]);
	return rows.filter((row) => wanted.has(row.status));
}

/** The appointment a lost create would have made: same clinician, start, type and patients, still scheduled. */
function isSameBooking(row: WireAppointment, entry: EntryFields): boolean {
	const refs = entry.patients ?? [];
	if (row.start !== entry.start || row.type !== entry.type || row.status !== 'scheduled' || row.patients.length !== refs.length) return false;
	return refs.every((ref) => row.patients.some((p) => p.id === ref || p.encryptedId === ref));
}

export class AppointmentsResource {
	constructor(protected readonly session: Requester) {}

	/**
	 * Every appointment from `from` to `to` (inclusive days), of one clinician or the practice.
	 * Any length: the range is cut into the portal's 62-day pieces, 12 to a request, so a year is
	 * one request. Each answer is parsed once and merged by id; no step is quadratic.
	 */
	async list(params: ListAppointmentsParams): Promise<Appointment[]> {
		const p = checkFields(listAppointmentsSchema, params, 'params');
		const byId = new Map<number, WireAppointment>();
		for (const call of wire.scheduleCalls({ from: p.from, to: p.to }, p.clinicianId)) {
			for (const row of await this.session.request(call)) byId.set(row.id, row);
		}
		return this.finish(withStatus([...byId.values()], p.status), 'scheduling/loadschedule');
	}

	/** One patient's appointments (the patient-appointments handler), optionally by day range and status. */
	async listForPatient(patientRef: number | string, params: PatientAppointmentsParams = {}): Promise<Appointment[]> {
		const patient = checkInput(patientRefSchema, patientRef, 'patientId');
		const p = checkFields(patientAppointmentsSchema, params, 'params');
		const rows = (await this.session.request(wire.patientAppointments(patient))).filter((row) => {
			const day = row.start.slice(0, 10);
			return (!p.from || day >= p.from) && (!p.to || day <= p.to);
		});
		return this.finish(withStatus(rows, p.status), 'scheduling/patientappointments');
	}

	async get(ref: number | string): Promise<Appointment> {
		const id = checkInput(appointmentRefSchema, ref, 'appointmentId');
		return this.fetch(id);
	}

	/**
	 * Books an appointment. The portal's save is not idempotent: when its answer is lost, the
	 * clinician's calendar for that day is searched for the same booking and that one is returned;
	 * only when it is surely absent is the save sent once more.
	 */
	async create(input: CreateAppointmentInput): Promise<Appointment> {
		const fields = checkFields(createAppointmentSchema, input, 'appointment');
		const { patientIds, ...rest } = fields;
		return this.createOnce({ ...rest, patients: patientIds }, 2);
	}

	/** Changes (or reschedules) an appointment: only the given fields are sent. */
	async update(ref: number | string, changes: UpdateAppointmentInput): Promise<Appointment> {
		const target = checkInput(appointmentRefSchema, ref, 'appointmentId');
		const { patientIds, ...rest } = checkFields(updateAppointmentSchema, changes, 'changes');
		const id = typeof target === 'number' ? target : (await this.fetch(target)).id;
		await this.session.request(wire.updateAppointment(id, { ...rest, patients: patientIds }));
		return this.fetch(id);
	}

	/** Sets the status (a plain assignment, safe to repeat); "charge fee" only for Missed/Cancelled/Late Cancelled. */
	async setStatus(ref: number | string, status: AppointmentStatus, options: { chargeFee?: boolean } = {}): Promise<Appointment> {
		const id = checkInput(appointmentRefSchema, ref, 'appointmentId');
		const change = checkFields(appointmentStatusChangeSchema, { status, chargeFee: options.chargeFee }, 'status');
		await this.session.request(wire.setAppointmentStatus(id, change.status, change.chargeFee));
		return this.fetch(id);
	}

	/** The telehealth session link; the portal's refusal (outside start ± 5 h, missed/cancelled) is raised with its reason. */
	async telehealthLink(ref: number | string): Promise<TelehealthLink> {
		const id = checkInput(appointmentRefSchema, ref, 'appointmentId');
		return checkOutput(telehealthLinkSchema, await this.session.request(wire.telehealthLink(id)), 'telehealth/sessionlink');
	}

	private async fetch(id: number | string): Promise<Appointment> {
		return checkOutput(appointmentSchema, await this.session.request(wire.getAppointment(id)), 'scheduling/get');
	}

	/**
	 * Sorts, and checks the mapping against the domain schema on the first row only: every row went
	 * through the same mapping, each field already checked in lib/portal, and zod over 50,000 rows
	 * would cost seconds.
	 */
	private finish(rows: WireAppointment[], operation: string): Appointment[] {
		if (rows.length > 0) checkOutput(appointmentSchema, rows[0], operation);
		return rows.sort(byStart);
	}

	private async createOnce(entry: EntryFields, attempts: number): Promise<Appointment> {
		let saved: { id: number };
		try {
			saved = await this.session.request(wire.createAppointment(entry));
		} catch (error) {
			if (!outcomeUnknown(error)) throw error;
			const found = await this.findBooking(entry);
			if (found) return checkOutput(appointmentSchema, found, 'scheduling/save');
			// Surely not saved. A lost answer is resent once; a 5xx is the portal's own failure and is reported.
			if (!(error instanceof WriteOutcomeUnknownError) || attempts <= 1) throw error;
			return this.createOnce(entry, attempts - 1);
		}
		return this.fetch(saved.id);
	}

	private async findBooking(entry: EntryFields): Promise<WireAppointment | undefined> {
		const day = entry.start!.slice(0, 10);
		const rows = await this.session.request(wire.loadSchedule([{ from: day, to: day }], entry.clinicianId));
		return rows.find((row) => isSameBooking(row, entry));
	}
}
