import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { ChaosEnv } from './env';
import type { Ledger, OpKind, OpRecord } from './ledger';

/** A resource locator given by ID from the item (n8n resolves the expression per item). */
const byId = (field: string) => ({ __rl: true, mode: 'id', value: `={{ $json.${field} }}` });

/**
 * The node's parameters for each write, as a saved workflow holds them: every per-item value comes
 * from the input item through an expression, so one execution carries a whole batch.
 */
export const PARAMETERS: Record<OpKind, INodeParameters> = {
	'patient.upsert': {
		resource: 'patient', operation: 'upsert', externalId: '={{ $json.externalId }}', firstName: 'Chaos', lastName: 'Upserted',
		dateOfBirth: '1990-01-02T00:00:00', additionalFields: { phone: '={{ $json.phone }}' },
	},
	'patient.update': { resource: 'patient', operation: 'update', patientId: byId('patientId'), updateFields: { email: '={{ $json.email }}' } },
	'patient.create': {
		resource: 'patient', operation: 'create', firstName: 'Chaos', lastName: 'Created', dateOfBirth: '1985-03-04T00:00:00',
		additionalFields: { externalId: '={{ $json.externalId }}' },
	},
	'appointment.create': {
		resource: 'appointment', operation: 'create', type: 'therapySession', patientId: byId('patientId'), clinicianId: '={{ $json.clinicianId }}',
		start: '={{ $json.start }}', durationMinutes: 50, serviceCode: '90834',
	},
	'appointment.setStatus': { resource: 'appointment', operation: 'setStatus', appointmentId: byId('appointmentId'), status: 'show' },
	'note.create': {
		resource: 'note', operation: 'create', patientId: byId('patientId'), appointmentId: '={{ $json.appointmentId }}',
		noteText: { subjective: 'Chaos subjective.' }, additionalFields: { diagnoses: 'F41.1', serviceCode: '90834' },
	},
	'note.update': { resource: 'note', operation: 'update', noteId: '={{ $json.noteId }}', updateFields: { plan: '={{ $json.plan }}' } },
	'note.sign': { resource: 'note', operation: 'sign', noteId: '={{ $json.noteId }}' },
	'claim.create': { resource: 'claim', operation: 'create', appointmentId: '={{ $json.appointmentId }}' },
	'billing.postPayment': {
		resource: 'billing', operation: 'postPayment', patientId: byId('patientId'), amountCents: '={{ $json.amountCents }}', method: 'card', reference: '={{ $json.reference }}',
	},
	'note.addAddendum': { resource: 'note', operation: 'addAddendum', noteId: '={{ $json.noteId }}', text: '={{ $json.text }}' },
};

export interface StageItem {
	key: string;
	input: IDataObject;
}

const pairedIndex = (paired: unknown): number => (typeof paired === 'number' ? paired : ((paired as { item?: number } | undefined)?.item ?? -1));

/**
 * Runs one batch through the node in n8n-core's engine (On Error: Continue), and records in the
 * ledger what each item asked and what it got back. A failure of the whole execution (nothing per
 * item) is recorded as that error for every item. Returns the records in item order.
 */
export async function runStage(env: ChaosEnv, ledger: Ledger, kind: OpKind, items: StageItem[]): Promise<OpRecord[]> {
	if (items.length === 0) return [];
	const result = await env.n8n.runNode({ parameters: PARAMETERS[kind], credential: env.credential, items: items.map((i) => i.input), continueOnFail: true });
	const outputs = new Map<number, IDataObject>();
	for (const item of result.items) {
		const index = pairedIndex(item.pairedItem);
		if (!outputs.has(index)) outputs.set(index, item.json);
	}
	return items.map((item, index) => {
		const json = outputs.get(index);
		const executionError = result.error as { message?: string; description?: string | null } | undefined;
		const error = json === undefined ? (executionError?.message ?? 'no output item') : json.error;
		const op: OpRecord =
			error === undefined
				? { kind, key: item.key, input: item.input, ok: true, output: json }
				: { kind, key: item.key, input: item.input, ok: false, error: String(error), description: (json?.details as string | null) ?? executionError?.description ?? null };
		ledger.record(op);
		return op;
	});
}
