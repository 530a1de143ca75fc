import type { RunningSandbox } from '../../sandbox/server';
import { recordsOf, type Row } from './env';
import type { FieldWrite, Ledger, OpKind } from './ledger';

/** The plan text lives in the note form's element 13003 (the sandbox's Plan section). */
const PLAN_ELEMENT = '13003';

/** Record ids that existed before the run, per kind: only records the run made can be duplicates. */
export type Baseline = Record<string, Set<number>>;
const KINDS = ['patients', 'appointments', 'notes', 'claims', 'payments'] as const;

export async function takeBaseline(sandbox: RunningSandbox): Promise<Baseline> {
	const out: Baseline = {};
	for (const kind of KINDS) out[kind] = new Set((await recordsOf(sandbox, kind)).map((r) => Number(r.id)));
	return out;
}

export interface Finding {
	kind: string;
	key: string;
	problem: string;
}

export interface Verdict {
	duplicates: Finding[];
	lost: Finding[];
}

/** Extra copies per natural key among the records the run made (a key seen n times counts n − 1). */
function duplicatesBy(kind: string, rows: Row[], keyOf: (row: Row) => string | null): Finding[] {
	const groups = new Map<string, number[]>();
	for (const row of rows) {
		const key = keyOf(row);
		if (key !== null) groups.set(key, [...(groups.get(key) ?? []), Number(row.id)]);
	}
	return [...groups].filter(([, ids]) => ids.length > 1).flatMap(([key, ids]) => ids.slice(1).map(() => ({ kind, key, problem: `${ids.length} records: ${ids.join(', ')}` })));
}

/** What a successful op promised, checked against the record: true when it holds. */
const PROMISES: Partial<Record<OpKind, (op: { key: string; output?: Row; input: Row }, sandbox: Records) => boolean>> = {
	'patient.upsert': (op, r) => r.patientsByExternalId.get(op.key)?.id === op.output?.id,
	'patient.create': (op, r) => r.patientsByExternalId.get(op.key)?.id === op.output?.id,
	'appointment.create': (op, r) => {
		const row = r.byId.appointments.get(Number(op.output?.id));
		return !!row && `${row.clinicianId}|${row.start}|${row.patientIds.join(',')}` === op.key;
	},
	'note.create': (op, r) => r.byId.notes.get(Number(op.output?.id))?.appointmentId === Number(op.input.appointmentId),
	'claim.create': (op, r) => r.byId.claims.get(Number(op.output?.id))?.appointmentId === Number(op.input.appointmentId),
	'billing.postPayment': (op, r) => {
		const row = r.paymentsByReference.get(op.key);
		return !!row && row.id === op.output?.id && row.amountCents === Number(op.input.amountCents);
	},
	'note.addAddendum': (op, r) => (r.byId.notes.get(Number(op.input.noteId))?.addenda ?? []).some((a: Row) => a.text === op.input.text),
};

interface Records {
	byId: Record<(typeof KINDS)[number], Map<number, Row>>;
	patientsByExternalId: Map<string, Row>;
	paymentsByReference: Map<string, Row>;
}

function fieldOf(records: Records, write: FieldWrite): unknown {
	const row = write.kind === 'patients' ? records.patientsByExternalId.get(write.key) : records.byId[write.kind].get(Number(write.key));
	if (!row) return undefined;
	return write.field === 'plan' ? row.values?.[PLAN_ELEMENT] : row[write.field];
}

/** A record's final value must be the last successful write's, or a later failed write's (it may have landed). */
function lostFieldWrites(records: Records, writes: FieldWrite[]): Finding[] {
	const byTarget = new Map<string, FieldWrite[]>();
	for (const write of writes) {
		const target = `${write.kind}|${write.key}|${write.field}`;
		byTarget.set(target, [...(byTarget.get(target) ?? []), write]);
	}
	const lost: Finding[] = [];
	for (const [target, list] of byTarget) {
		const lastOk = list.map((wr) => wr.ok).lastIndexOf(true);
		if (lastOk < 0) continue;
		const allowed = list.slice(lastOk).filter((wr, i) => i === 0 || !wr.ok).map((wr) => wr.value);
		const actual = fieldOf(records, list[0]);
		if (!allowed.includes(actual)) lost.push({ kind: list[0].kind, key: target, problem: `holds ${JSON.stringify(actual)}, expected ${JSON.stringify(allowed)}` });
	}
	return lost;
}

/** Reads every record through the admin API and compares it with what the workflow asked for and was told. */
export async function verify(sandbox: RunningSandbox, ledger: Ledger, baseline: Baseline): Promise<Verdict> {
	const fresh: Record<string, Row[]> = {};
	const byId = {} as Records['byId'];
	for (const kind of KINDS) {
		const rows = await recordsOf(sandbox, kind);
		byId[kind] = new Map(rows.map((r) => [Number(r.id), r]));
		fresh[kind] = rows.filter((r) => !baseline[kind].has(Number(r.id)));
	}
	const records: Records = {
		byId,
		patientsByExternalId: new Map(fresh.patients.filter((r) => r.externalId).map((r) => [String(r.externalId), r])),
		paymentsByReference: new Map(fresh.payments.map((r) => [String(r.reference), r])),
	};
	const addenda = fresh.notes.length ? [...byId.notes.values()].flatMap((n) => (n.addenda as Row[]).map((a) => ({ id: a.id, key: `${n.id}|${a.text}` }))) : [];
	const duplicates = [
		...duplicatesBy('patients', fresh.patients, (r) => r.externalId ?? null),
		...duplicatesBy('appointments', fresh.appointments, (r) => `${r.clinicianId}|${r.start}|${r.patientIds.join(',')}`),
		...duplicatesBy('notes', fresh.notes, (r) => (r.noteType === 4 && r.appointmentId !== null ? String(r.appointmentId) : null)),
		...duplicatesBy('claims', fresh.claims, (r) => String(r.appointmentId)),
		...duplicatesBy('payments', fresh.payments, (r) => String(r.reference)),
		...duplicatesBy('addenda', addenda, (r) => r.key),
	];
	const lost: Finding[] = [];
	for (const op of ledger.ops) {
		const promise = PROMISES[op.kind];
		if (op.ok && promise && !promise(op, records)) lost.push({ kind: op.kind, key: op.key, problem: 'succeeded, but the record does not hold it' });
	}
	lost.push(...lostFieldWrites(records, ledger.writes));
	return { duplicates, lost };
}
