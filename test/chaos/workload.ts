import type { ChaosEnv, Row } from './env';
import type { FieldWrite, Ledger, OpKind, OpRecord } from './ledger';
import { runStage, type StageItem } from './stages';

/** What the lanes share: the ledger, the insured patients appointments are booked for, and a slot counter. */
export interface Workload {
	env: ChaosEnv;
	ledger: Ledger;
	batchSize: number;
	clinicianId: number;
	/** Seeded patients with a policy covering every day the run books (so their sessions can be billed). */
	insuredPatientIds: number[];
	nextSlot: number;
	today: string;
}

/** Bookings go on the days from this many days before the sandbox's today. */
const BOOKED_DAYS = 86;
const SLOTS_PER_DAY = 90;
const firstDay = (today: string) => Date.parse(`${today}T00:00:00Z`) - BOOKED_DAYS * 86_400_000;

/**
 * A unique booking time on the clinician's calendar: a past weekday-or-not day from BOOKED_DAYS
 * before today, at 06:01 plus 11-minute steps, so no slot is a seeded appointment's round time.
 */
export function slotStart(slot: number, today: string): string {
	const day = new Date(firstDay(today) + Math.floor(slot / SLOTS_PER_DAY) * 86_400_000).toISOString().slice(0, 10);
	const minutes = 6 * 60 + 1 + (slot % SLOTS_PER_DAY) * 11;
	return `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;
}

/** The last day a slot may fall on: before the sandbox's today, so sessions can be marked Show and billed. */
export const LAST_SLOT = BOOKED_DAYS * SLOTS_PER_DAY - 1;

/** Seeded patients whose primary policy started before the first booked day and has not ended. */
export function insuredPatients(policies: Row[], today: string): number[] {
	const booked = new Date(firstDay(today)).toISOString().slice(0, 10);
	const ids = policies.filter((p) => p.priority === 1 && p.startDate <= booked && p.endDate === null).map((p) => Number(p.patientId));
	return [...new Set(ids)].sort((a, b) => a - b);
}

const ok = (ops: OpRecord[]) => ops.filter((op) => op.ok);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Patients: create-or-update twice (create path, then update path), a plain update, and a plain create. */
async function patientStages(w: Workload, tag: string): Promise<void> {
	const upsert = (round: string) =>
		runWrites(w, 'patient.upsert', range(w.batchSize).map((i) => {
			const externalId = `CHX-${tag}-${i}`;
			const phone = `555-${tag}-${i}${round}`;
			return { key: externalId, input: { externalId, phone }, write: { kind: 'patients', key: externalId, field: 'phone', value: phone } };
		}));
	const known = new Map<string, number>();
	for (const op of [...ok(await upsert('a')), ...ok(await upsert('b'))]) known.set(op.key, Number(op.output!.id));
	await runWrites(w, 'patient.update', [...known].map(([externalId, patientId]) => {
		const email = `chaos.${externalId.toLowerCase()}@example.test`;
		return { key: externalId, input: { patientId, email }, write: { kind: 'patients', key: externalId, field: 'email', value: email } };
	}));
	await runStage(w.env, w.ledger, 'patient.create', range(w.batchSize).map((i) => ({ key: `CHC-${tag}-${i}`, input: { externalId: `CHC-${tag}-${i}` } })));
}

/**
 * Runs a stage whose items each set one field: the writes are recorded as intended before the batch
 * is sent (keeping their order) and marked ok for the items that succeeded.
 */
async function runWrites(w: Workload, kind: OpKind, items: (StageItem & { write: Omit<FieldWrite, 'ok'> })[]): Promise<OpRecord[]> {
	const writes = items.map((item) => {
		const write: FieldWrite = { ...item.write, ok: false };
		w.ledger.wrote(write);
		return write;
	});
	const ops = await runStage(w.env, w.ledger, kind, items);
	ops.forEach((op, index) => (writes[index].ok = op.ok));
	return ops;
}

/** A billed session: book, mark Show, write, edit and sign the note, create the claim, post a payment, add an addendum. */
async function sessionStages(w: Workload, tag: string): Promise<void> {
	const { env, ledger } = w;
	const booked = await runStage(env, ledger, 'appointment.create', range(w.batchSize).map(() => {
		const patientId = w.insuredPatientIds[w.nextSlot % w.insuredPatientIds.length];
		const start = slotStart(w.nextSlot++, w.today);
		return { key: `${w.clinicianId}|${start.slice(0, 16)}|${patientId}`, input: { patientId, clinicianId: w.clinicianId, start } };
	}));
	const appointments = ok(booked).map((op) => ({ appointmentId: Number(op.output!.id), patientId: Number(op.input.patientId) }));
	const shown = await runWrites(w, 'appointment.setStatus', appointments.map((a) => ({
		key: String(a.appointmentId), input: a, write: { kind: 'appointments', key: String(a.appointmentId), field: 'status', value: 1 },
	})));
	const notes = ok(await runStage(env, ledger, 'note.create', ok(shown).map((op) => ({ key: op.key, input: op.input }))));
	const noteItems = notes.map((op) => ({ noteId: Number(op.output!.id), appointmentId: Number(op.input.appointmentId) }));
	await runWrites(w, 'note.update', noteItems.map((n) => {
		const plan = `Chaos plan ${tag}-${n.noteId}.`;
		return { key: String(n.noteId), input: { noteId: n.noteId, plan }, write: { kind: 'notes', key: String(n.noteId), field: 'plan', value: plan } };
	}));
	const signed = ok(await runWrites(w, 'note.sign', noteItems.map((n) => ({
		key: String(n.noteId), input: n, write: { kind: 'notes', key: String(n.noteId), field: 'status', value: 'signed' },
	}))));
	await runStage(env, ledger, 'claim.create', signed.map((op) => ({ key: String(op.input.appointmentId), input: { appointmentId: op.input.appointmentId } })));
	await runStage(env, ledger, 'billing.postPayment', appointments.map((a) => {
		const reference = `chaos-pi-${tag}-${a.appointmentId}`;
		return { key: reference, input: { patientId: a.patientId, amountCents: 1000 + (a.appointmentId % 5000), reference } };
	}));
	await runStage(env, ledger, 'note.addAddendum', signed.map((op) => {
		const text = `Chaos addendum ${tag}-${op.input.noteId}.`;
		return { key: `${op.input.noteId}|${text}`, input: { noteId: op.input.noteId, text } };
	}));
}

/** One cycle of a lane: every kind of write once per batch item. */
export async function runCycle(w: Workload, lane: number, cycle: number): Promise<void> {
	const tag = `${lane}-${cycle}`;
	await patientStages(w, tag);
	await sessionStages(w, tag);
}
