import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getPolicies from './getPolicies.operation';
import * as getPortalStatus from './getPortalStatus.operation';
import * as search from './search.operation';
import * as setPolicy from './setPolicy.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const resource = { name: 'Patient', value: 'patient' };

export const operations = { create, get, getMany, getPolicies, getPortalStatus, search, setPolicy, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['patient'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a patient', action: 'Create a patient' },
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a patient' },
			{ name: 'Get', value: 'get', description: 'Get a patient by ID or EncryptedID', action: 'Get a patient' },
			{ name: 'Get Insurance Policies', value: 'getPolicies', description: 'Get the insurance policies of a patient', action: 'Get insurance policies of a patient' },
			{ name: 'Get Many', value: 'getMany', description: 'List patients by status and assigned clinician', action: 'Get many patients' },
			{ name: 'Get Portal Status', value: 'getPortalStatus', description: 'Get whether a patient was invited to TherapyPortal', action: 'Get the portal status of a patient' },
			{ name: 'Search', value: 'search', description: 'Search patients by name or external ID', action: 'Search patients' },
			{ name: 'Set Insurance Policy', value: 'setPolicy', description: 'Create or update the patient’s policy of one priority', action: 'Set an insurance policy of a patient' },
			{ name: 'Update', value: 'update', description: 'Change some fields of a patient', action: 'Update a patient' },
		],
		default: 'search',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getPolicies.description,
	...getPortalStatus.description,
	...search.description,
	...setPolicy.description,
	...update.description,
	...upsert.description,
];
