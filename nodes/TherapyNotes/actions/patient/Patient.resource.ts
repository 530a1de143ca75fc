import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';
import * as search from './search.operation';

export const resource = { name: 'Patient', value: 'patient' };

export const operations = { get, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patient'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get a patient by ID or EncryptedID', action: 'Get a patient' },
			{ name: 'Search', value: 'search', description: 'Search patients by name or external ID', action: 'Search patients' },
		],
		default: 'search',
	},
	...get.description,
	...search.description,
];
