import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Patient } from '../../../sandbox/data/types';
import type { RunningSandbox } from '../../../sandbox/server';
import { admin } from '../../helpers/sandbox';

/** The TherapyNotes API credential as a user would fill it in for the sandbox (front desk, no 2FA). */
export function sandboxCredential(sandbox: RunningSandbox, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const demo = sandbox.state.demo;
	return {
		environment: 'custom',
		baseUrl: sandbox.url,
		practiceCode: demo.practiceCode,
		username: demo.plainUsername,
		password: demo.password,
		loginMethod: 'http',
		requestsPerSecond: 50,
		...overrides,
	};
}

export const searchParameters = (query: string): INodeParameters => ({ resource: 'patient', operation: 'search', query });

export const getParameters = (mode: 'id' | 'encryptedId', value: string, output: 'summary' | 'all' = 'summary'): INodeParameters => ({
	resource: 'patient',
	operation: 'get',
	patientId: { __rl: true, mode, value },
	output,
});

export const seededPatients = (sandbox: RunningSandbox): Patient[] => [...sandbox.state.store.patients.values()];

/**
 * Seeded patients whose last name, searched, can only match themselves (the portal matches
 * "first last" containing the query, or a last name starting with it), so an exact result is known.
 */
export function patientsWithUniqueLastName(sandbox: RunningSandbox): Patient[] {
	const all = seededPatients(sandbox);
	return all.filter((patient) => {
		const query = patient.lastName.toLowerCase();
		const hits = all.filter((other) => `${other.firstName} ${other.lastName}`.toLowerCase().includes(query) || other.lastName.toLowerCase().startsWith(query));
		return hits.length === 1;
	});
}

export const stats = (sandbox: RunningSandbox) => admin(sandbox, 'GET', 'stats');

export const setFaults = (sandbox: RunningSandbox, rules: unknown[]) => admin(sandbox, 'POST', 'faults', { rules });

/** How many times the sandbox served a handler (e.g. `patients/get`). */
export async function handlerHits(sandbox: RunningSandbox, handler: string): Promise<number> {
	return Number((await stats(sandbox)).requests[handler] ?? 0);
}

/** Output items grouped by the input item they are paired with. */
export function byPairedItem(items: INodeExecutionData[]): Map<number, IDataObject[]> {
	const groups = new Map<number, IDataObject[]>();
	for (const item of items) {
		const paired = item.pairedItem;
		const index = typeof paired === 'number' ? paired : Array.isArray(paired) ? -1 : (paired?.item ?? -1);
		groups.set(index, [...(groups.get(index) ?? []), item.json]);
	}
	return groups;
}

/** The cookie values inside a stored session (tough-cookie's serialised jar), to look for them elsewhere. */
export function cookieValuesOf(session: unknown): string[] {
	const state = JSON.parse(String(session)) as { cookies?: { cookies?: { value?: string }[] } };
	return (state.cookies?.cookies ?? []).map((cookie) => String(cookie.value ?? ''));
}
