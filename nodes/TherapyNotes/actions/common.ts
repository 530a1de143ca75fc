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
