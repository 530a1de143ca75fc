import { CREDENTIAL_IDS, CREDENTIAL_NAMES } from '../lib/workflows';

/**
 * The load workflow: a production webhook (answered at once, so every POST becomes one queued
 * execution) → TherapyNotes Patient > Get → TherapyNotes Billing > Post Payment with the
 * reference the caller sent. It reads and writes through our node with the one credential.
 */

export const LOAD_WORKFLOW_ID = 'tnQueueLoad00001';
export const LOAD_WEBHOOK_PATH = 'tn-queue-load';

const credential = { therapyNotesApi: { id: CREDENTIAL_IDS.therapyNotes, name: CREDENTIAL_NAMES.therapyNotes } };
const fromBody = (field: string) => `={{ $('Webhook').item.json.body.${field} }}`;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function loadWorkflow(): Record<string, unknown> {
	return {
		id: LOAD_WORKFLOW_ID,
		name: 'queue load: get patient, post payment',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'q-webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '6f1c2d7e-4b7a-4f0e-9a51-5b1f0c9e7a01',
				parameters: { httpMethod: 'POST', path: LOAD_WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
			},
			{
				id: 'q-get',
				name: 'Get Patient',
				type: 'CUSTOM.therapyNotes',
				typeVersion: 1,
				position: [240, 0],
				parameters: { resource: 'patient', operation: 'get', patientId: byId(fromBody('patientId')), output: 'summary' },
				credentials: credential,
			},
			{
				id: 'q-pay',
				name: 'Post Payment',
				type: 'CUSTOM.therapyNotes',
				typeVersion: 1,
				position: [480, 0],
				parameters: {
					resource: 'billing',
					operation: 'postPayment',
					patientId: byId('={{ $json.id }}'),
					amountCents: fromBody('amountCents'),
					method: 'card',
					reference: fromBody('reference'),
					additionalFields: {},
				},
				credentials: credential,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Get Patient', type: 'main', index: 0 }]] },
			'Get Patient': { main: [[{ node: 'Post Payment', type: 'main', index: 0 }]] },
		},
	};
}

/** The examples name the installed package's node types; here the package is loaded from dist/. */
export function asCustomExtension(workflow: Record<string, unknown>): Record<string, unknown> {
	return JSON.parse(JSON.stringify(workflow).split('"n8n-nodes-therapynotes.').join('"CUSTOM.')) as Record<string, unknown>;
}
