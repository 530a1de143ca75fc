/**
 * Credentials and small action workflows (Manual Trigger → one TherapyNotes node) for the e2e run.
 * Ids are fixed 16-character strings, as n8n makes them, so the workflows and the examples can
 * name the credentials they use before n8n has seen them.
 */

export const CREDENTIAL_IDS = { therapyNotes: 'tnSandboxCred001', stripe: 'tnFakeStripe0001', smtp: 'tnFakeSmtpCred01' } as const;
export const CREDENTIAL_NAMES = { therapyNotes: 'TherapyNotes sandbox', stripe: 'Stripe (fake, test mode)', smtp: 'SMTP capture' } as const;

export interface SandboxLogin {
	url: string;
	practiceCode: string;
	password: string;
	plainUsername: string;
}

export function credentials(sandbox: SandboxLogin, extra: { stripeKey?: string; smtpPort?: number } = {}): unknown[] {
	const list: unknown[] = [
		{
			id: CREDENTIAL_IDS.therapyNotes,
			name: CREDENTIAL_NAMES.therapyNotes,
			type: 'therapyNotesApi',
			// The front-desk user has no two-factor; HTTP login never starts a browser.
			data: { environment: 'custom', baseUrl: sandbox.url, practiceCode: sandbox.practiceCode, username: sandbox.plainUsername, password: sandbox.password, totpSecret: '', loginMethod: 'http', requestsPerSecond: 10 },
		},
	];
	if (extra.stripeKey) list.push({ id: CREDENTIAL_IDS.stripe, name: CREDENTIAL_NAMES.stripe, type: 'stripeApi', data: { secretKey: extra.stripeKey, signatureSecret: '' } });
	if (extra.smtpPort) {
		list.push({ id: CREDENTIAL_IDS.smtp, name: CREDENTIAL_NAMES.smtp, type: 'smtp', data: { user: 'receipts', password: 'capture', host: '127.0.0.1', port: extra.smtpPort, secure: false, disableStartTls: true, hostName: '' } });
	}
	return list;
}

export interface ActionCase {
	id: string;
	name: string;
	parameters: Record<string, unknown>;
}

/** Manual Trigger → TherapyNotes (`nodeType` is `CUSTOM.therapyNotes` or `n8n-nodes-therapynotes.therapyNotes`). */
export function actionWorkflow(nodeType: string, testCase: ActionCase): Record<string, unknown> {
	return {
		id: testCase.id,
		name: `e2e ${testCase.name}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'e2e-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'e2e-tn',
				name: 'TherapyNotes',
				type: nodeType,
				typeVersion: 1,
				position: [240, 0],
				parameters: testCase.parameters,
				credentials: { therapyNotesApi: { id: CREDENTIAL_IDS.therapyNotes, name: CREDENTIAL_NAMES.therapyNotes } },
			},
		],
		connections: { Start: { main: [[{ node: 'TherapyNotes', type: 'main', index: 0 }]] } },
	};
}

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export interface ActionFixtures {
	searchName: string;
	from: string;
	to: string;
	patientId: number;
	reference: string;
}

export const ACTION_CASES = (f: ActionFixtures): Record<string, ActionCase> => ({
	healthcheck: { id: 'tnE2eHealth00001', name: 'practice healthcheck', parameters: { resource: 'practice', operation: 'healthcheck' } },
	search: { id: 'tnE2eSearch00001', name: 'patient search', parameters: { resource: 'patient', operation: 'search', query: f.searchName } },
	appointments: {
		id: 'tnE2eApptList001',
		name: 'appointment get many',
		parameters: { resource: 'appointment', operation: 'getMany', listBy: 'dateRange', from: f.from, to: f.to, returnAll: true, filters: {}, output: 'summary' },
	},
	payment: {
		id: 'tnE2ePayment0001',
		name: 'billing post payment',
		parameters: { resource: 'billing', operation: 'postPayment', patientId: byId(f.patientId), amountCents: 2500, method: 'card', reference: f.reference, additionalFields: {} },
	},
	unknownPatient: { id: 'tnE2eUnknownPt01', name: 'unknown patient fails', parameters: { resource: 'patient', operation: 'get', patientId: byId(987654321), output: 'summary' } },
});
