import type { RunningSandbox } from '../sandbox/server';
import type { TherapyNotesClient } from '../lib/client';

/**
 * The mix of the "200 operations" benchmark, as a person at the front desk would do them: per ten
 * operations, eight reads (patient chart ×2, a clinician's day, a note ×2, an ERA, the To-Do list,
 * the patient list) and two writes (mark an appointment "Show", add an addendum to a signed note).
 * Each op names its target; the client and the browser bot run the same kinds on the same kind of
 * record, but writes get disjoint records (`lane`) so neither finds the other's change.
 */
export type OpKind = 'patient' | 'day' | 'note' | 'era' | 'todo' | 'patientList' | 'showUp' | 'addendum';
export const CYCLE: OpKind[] = ['patient', 'day', 'note', 'patient', 'era', 'todo', 'showUp', 'patientList', 'note', 'addendum'];

export interface Op {
	kind: OpKind;
	/** Record id (patient, note, ERA, appointment), or the clinician of a day. */
	id: number;
	encryptedId: string;
	/** For a day: YYYY-MM-DD. */
	day: string;
}

const pick = <T>(rows: T[], i: number): T => rows[(i * 37) % rows.length];

/** `count` operations of the mix; `lane` 0 or 1 chooses disjoint write targets. */
export function planOps(sandbox: RunningSandbox, count: number, lane: 0 | 1): Op[] {
	const store = sandbox.state.store;
	const today = sandbox.state.nowIso().slice(0, 10);
	const patients = [...store.patients.values()];
	const notes = [...store.notes.values()].filter((n) => n.noteType === 4); // progress notes, the client's default type
	const signed = notes.filter((n) => n.status === 'signed' && n.id % 2 === lane);
	const eras = [...store.eras.values()];
	const past = [...store.appointments.values()].filter((a) => a.start < today);
	const ahead = [...store.appointments.values()].filter((a) => a.start > today && a.status === 0 && a.id % 2 === lane);
	return Array.from({ length: count }, (_, i): Op => {
		const kind = CYCLE[i % CYCLE.length];
		const record = { patient: pick(patients, i), note: pick(notes, i), era: pick(eras, i), addendum: signed[i], showUp: ahead[i] }[kind as string];
		if (kind === 'day') {
			const a = pick(past, i);
			return { kind, id: a.clinicianId, encryptedId: '', day: a.start.slice(0, 10) };
		}
		const day = kind === 'showUp' ? (record as { start: string }).start.slice(0, 10) : '';
		return { kind, id: record?.id ?? 0, encryptedId: record?.encryptedId ?? '', day };
	});
}

const ADDENDUM = 'Benchmark addendum: reviewed.';

/** One operation through our client; throws when the answer is not about the asked record. */
export async function runOurs(client: TherapyNotesClient, op: Op): Promise<void> {
	const expect = (ok: boolean) => {
		if (!ok) throw new Error(`client op ${op.kind} ${op.id}: unexpected answer`);
	};
	switch (op.kind) {
		case 'patient':
			return expect((await client.patients.get(op.id)).id === op.id);
		case 'day':
			return expect((await client.appointments.list({ from: op.day, to: op.day, clinicianId: op.id })).every((a) => a.clinicianId === op.id));
		case 'note':
			return expect((await client.notes.get(op.id)).id === op.id);
		case 'era':
			return expect((await client.eras.getDetail(op.id)).era.id === op.id);
		case 'todo':
			return expect((await client.practice.todoList()).items.length > 0);
		case 'patientList':
			return expect((await client.patients.list({ limit: 20 })).length === 20);
		case 'showUp':
			return expect((await client.appointments.setStatus(op.id, 'show')).status === 'show');
		case 'addendum':
			return expect((await client.notes.addAddendum(op.id, ADDENDUM)).noteId === op.id);
	}
}

export const BOT_ADDENDUM = ADDENDUM;
