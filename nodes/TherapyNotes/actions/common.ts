import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** A patient picker: searchable list, numeric ID, or EncryptedID (as in the chart URL). */
export const patientLocator: INodeProperties = {
	displayName: 'Patient',
	name: 'patientId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchPatients', searchable: true, searchFilterRequired: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 1001',
			validation: [{ type: 'regex', properties: { regex: '^\\d{1,12}$', errorMessage: 'Not a numeric patient ID' } }],
		},
		{
			displayName: 'By Encrypted ID',
			name: 'encryptedId',
			type: 'string',
			placeholder: 'e.g. hX2k9QmZp0aB3cD4eF5g',
			validation: [{ type: 'regex', properties: { regex: '^[A-Za-z0-9_-]{16,22}$', errorMessage: 'Not an EncryptedID' } }],
		},
	],
};

export const outputChoice: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{ name: 'Summary (Minimum Necessary)', value: 'summary', description: 'IDs, status and dates only: no names, contact details or clinical text' },
		{ name: 'All Fields', value: 'all' },
	],
	default: 'summary',
};

/** Reads a resource locator's value as the client expects it (number for IDs). */
export function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): string | number {
	const value = String(context.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	return /^\d+$/.test(value) ? Number(value) : value;
}

export function wantsAllFields(context: IExecuteFunctions, itemIndex: number): boolean {
	return context.getNodeParameter('output', itemIndex, 'summary') === 'all';
}

/** "Return All" and "Limit", shown together as n8n's list operations do. */
export function returnAllAndLimit(): INodeProperties[] {
	return [
		{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit' },
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The number of rows a list operation may return: undefined means all. */
export function listLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return context.getNodeParameter('limit', itemIndex, 50) as number;
}

/**
 * Reads a date parameter (n8n's dateTime picker gives "2026-11-26T00:00:00" or an expression may
 * give any text) as an ISO date "YYYY-MM-DD". Validation of the value itself is the client's job,
 * so the error names the parameter and nothing is sent.
 */
export function isoDateParameter(context: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	const text = typeof value === 'string' ? value.trim() : value instanceof Date ? value.toISOString() : String(value ?? '');
	return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
}
