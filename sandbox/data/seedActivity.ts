import type { Random } from '../util/random';
import type { Store } from './store';
import type { Appointment, Claim, Note, Patient } from './types';
import { APPOINTMENT_STATUS, APPOINTMENT_TYPES, NOTE_TYPES } from './types';
import { DIAGNOSES, SERVICE_CODES } from './catalog';
import { addDays, addMinutes, parseIsoLocal } from '../util/dates';
import { adjudicateClaims, buildEra } from './adjudication';

interface ActivityOptions {
	today: string;
	perDay: [number, number];
}

const HISTORY_DAYS = 365;
const FUTURE_DAYS = 28;

/** A year of history ending today plus four weeks of bookings, per clinician and weekday. */
export function seedActivity(store: Store, random: Random, options: ActivityOptions): void {
	const caseloads = buildCaseloads(store);
	const seen = new Set<number>();
	for (let offset = -HISTORY_DAYS; offset <= FUTURE_DAYS; offset++) {
		const day = addDays(options.today, offset);
		const weekday = parseIsoLocal(day).getUTCDay();
		if (weekday === 0 || weekday === 6) continue;
		for (const [clinicianId, patients] of caseloads) {
			if (patients.length === 0) continue;
			const count = random.int(options.perDay[0], options.perDay[1]);
			for (let slot = 0; slot < count; slot++) {
				const patient = random.pick(patients);
				const appointment = seedAppointment(store, random, { day, slot, clinicianId, patient, seen, offset });
				if (offset < 0) seedOutcome(store, random, appointment, patient, -offset, options.today);
			}
		}
		if (offset < 0 && weekday === 5) seedWeeklyEras(store, random, day);
	}
}

function buildCaseloads(store: Store): Map<number, Patient[]> {
	const caseloads = new Map<number, Patient[]>();
	for (const user of store.users) if (user.isClinician) caseloads.set(user.id, []);
	for (const patient of store.patients.values()) {
		if (patient.status === 'active') caseloads.get(patient.assignedClinicianIds[0])?.push(patient);
	}
	return caseloads;
}

interface SlotPlan {
	day: string;
	slot: number;
	clinicianId: number;
	patient: Patient;
	seen: Set<number>;
	offset: number;
}

function seedAppointment(store: Store, random: Random, plan: SlotPlan): Appointment {
	const intake = !plan.seen.has(plan.patient.id);
	plan.seen.add(plan.patient.id);
	const service = intake ? SERVICE_CODES[0] : random.pick(SERVICE_CODES.slice(1, 4));
	const telehealth = random.chance(0.35);
	const id = store.nextId('appointment');
	const start = `${plan.day}T${String(9 + plan.slot).padStart(2, '0')}:00`;
	const status = plan.offset >= 0 ? APPOINTMENT_STATUS.Scheduled : pastStatus(random);
	const appointment: Appointment = {
		id,
		encryptedId: store.encryptedIdFor('appointment', id),
		type: intake ? APPOINTMENT_TYPES.TherapyIntake : APPOINTMENT_TYPES.TherapySession,
		status,
		start,
		durationMinutes: service.defaultMinutes,
		clinicianId: plan.clinicianId,
		patientIds: [plan.patient.id],
		serviceCode: service.code,
		locationId: telehealth ? 2 : 1,
		telehealth,
		chargeFee: (status === APPOINTMENT_STATUS.Missed || status === APPOINTMENT_STATUS.LateCancelled) && random.chance(0.5),
		createdAt: addMinutes(`${addDays(plan.day, -random.int(3, 30))}T08:00`, random.int(0, 600)),
		updatedAt: start,
	};
	store.appointments.set(id, appointment);
	return appointment;
}

function pastStatus(random: Random): number {
	const { Show, Missed, Cancelled, LateCancelled } = APPOINTMENT_STATUS;
	return random.weighted([Show, Missed, Cancelled, LateCancelled], [85, 5, 6, 4]);
}

/**
 * What happened after a past session. The seed stands at the start of `today` (today's sessions
 * are still Scheduled), so a signature that would fall later leaves the note a draft: the newest
 * signature in a fresh sandbox is always in the past, as in the portal.
 */
function seedOutcome(store: Store, random: Random, appointment: Appointment, patient: Patient, daysAgo: number, today: string): void {
	if (appointment.status !== APPOINTMENT_STATUS.Show) return;
	const note = seedNote(store, random, appointment, daysAgo > 3 || random.chance(0.5), today);
	const signed = note.status === 'signed';
	if (random.chance(0.05)) seedNote(store, random, appointment, true, today, NOTE_TYPES.PsychotherapyNote);
	const policy = store.policiesOf(patient.id)[0];
	if (policy && signed && daysAgo > 2) seedClaim(store, random, appointment, note, policy.id, daysAgo);
	if (daysAgo > 1 && random.chance(0.8)) seedCopayPayment(store, appointment, patient, policy?.copayCents);
}

function seedNote(store: Store, random: Random, appointment: Appointment, wouldSign: boolean, today: string, noteType: number = NOTE_TYPES.ProgressNote): Note {
	const id = store.nextId('note');
	const signature = wouldSign ? addMinutes(appointment.start, appointment.durationMinutes + random.int(10, 600)) : null;
	const signedAt = signature !== null && signature < today ? signature : null;
	const signed = signedAt !== null;
	const note: Note = {
		id,
		encryptedId: store.encryptedIdFor('note', id),
		noteType: appointment.type === APPOINTMENT_TYPES.TherapyIntake && noteType === NOTE_TYPES.ProgressNote ? NOTE_TYPES.Intake : noteType,
		patientId: appointment.patientIds[0],
		appointmentId: appointment.id,
		clinicianId: appointment.clinicianId,
		revision: signed ? 2 : 1,
		status: signed ? 'signed' : 'draft',
		values: null,
		diagnoses: [random.pick(DIAGNOSES)],
		serviceCode: appointment.serviceCode,
		isBillable: noteType !== NOTE_TYPES.PsychotherapyNote,
		signedAt,
		signerId: signed ? appointment.clinicianId : null,
		supervisorSignedAt: null,
		supervisorId: null,
		addenda: [],
		attachments: [],
		createdAt: addMinutes(appointment.start, appointment.durationMinutes),
		updatedAt: signedAt ?? addMinutes(appointment.start, appointment.durationMinutes),
	};
	store.notes.set(id, note);
	return note;
}

function seedClaim(store: Store, random: Random, appointment: Appointment, note: Note, policyId: number, daysAgo: number): void {
	const policy = store.policies.get(policyId)!;
	const fee = store.serviceCodes.find((s) => s.code === note.serviceCode)?.feeCents ?? 10000;
	const id = store.nextId('claim');
	const createdAt = addMinutes(note.signedAt ?? appointment.start, 60);
	const claim: Claim = {
		id,
		encryptedId: store.encryptedIdFor('claim', id),
		appointmentId: appointment.id,
		patientId: policy.patientId,
		policyId,
		payerId: policy.payerId,
		status: daysAgo > 10 ? 'Accepted' : daysAgo > 4 ? 'Submitted' : 'Created',
		frequency: '1',
		chargeCents: fee,
		paidCents: 0,
		patientResponsibilityCents: 0,
		payerClaimNumber: null,
		rejectionCodes: [],
		eraId: null,
		createdAt,
		updatedAt: createdAt,
	};
	if (claim.status === 'Submitted' && random.chance(0.04)) {
		claim.status = 'Rejected';
		claim.rejectionCodes = [random.pick(['A7:562', 'A7:21', 'A3:116'])];
	}
	store.claims.set(id, claim);
}

function seedCopayPayment(store: Store, appointment: Appointment, patient: Patient, copayCents: number | undefined): void {
	const amountCents = copayCents === undefined ? patient.sessionFeeCents : copayCents;
	if (amountCents <= 0) return;
	const id = store.nextId('payment');
	store.payments.set(id, {
		id,
		patientId: patient.id,
		amountCents,
		date: appointment.start.slice(0, 10),
		method: 'card',
		reference: `seed-${appointment.id}`,
		appliedTo: [appointment.id],
		createdAt: appointment.start,
	});
}

/** Every Friday each payer pays the accepted claims older than three weeks, in one ERA. */
function seedWeeklyEras(store: Store, random: Random, friday: string): void {
	const cutoff = addDays(friday, -21);
	for (const payer of store.payers) {
		const due = [...store.claims.values()].filter((c) => c.payerId === payer.id && c.status === 'Accepted' && c.createdAt < cutoff);
		if (due.length === 0) continue;
		const payments = adjudicateClaims(store, random, due);
		buildEra(store, payer.id, payments, `${friday}T06:00`);
	}
}
