import type { IDataObject } from 'n8n-workflow';

/** The write operations the chaos run sends through the node, one per input item. */
export const OP_KINDS = [
	'patient.upsert',
	'patient.update',
	'patient.create',
	'appointment.create',
	'appointment.setStatus',
	'note.create',
	'note.update',
	'note.sign',
	'claim.create',
	'billing.postPayment',
	'note.addAddendum',
] as const;
export type OpKind = (typeof OP_KINDS)[number];

/** What one item asked for and what the node answered (its output item, or its error item). */
export interface OpRecord {
	kind: OpKind;
	/** The record the op is about, in the ledger's own words (external ID, appointment id, reference…). */
	key: string;
	input: IDataObject;
	ok: boolean;
	output?: IDataObject;
	error?: string;
	description?: string | null;
}

/**
 * A field the workflow set on a record. Writes to one record come from one lane, in order, so the
 * record must end with the value of the last write that succeeded, or of a failed write after it
 * (a failed write may have landed: "the change may or may not have been saved").
 */
export interface FieldWrite {
	kind: 'patients' | 'appointments' | 'notes';
	/** externalId for patients, id for the others. */
	key: string;
	field: string;
	value: unknown;
	ok: boolean;
}

/** Everything the workflow asked the portal to do, and what it was told; checked against the sandbox afterwards. */
export class Ledger {
	readonly ops: OpRecord[] = [];
	readonly writes: FieldWrite[] = [];

	record(op: OpRecord): void {
		this.ops.push(op);
	}

	wrote(write: FieldWrite): void {
		this.writes.push(write);
	}

	succeeded(kind: OpKind): OpRecord[] {
		return this.ops.filter((op) => op.kind === kind && op.ok);
	}

	failed(): OpRecord[] {
		return this.ops.filter((op) => !op.ok);
	}
}
