import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as get837P from './get837P.operation';
import * as getMany from './getMany.operation';
import * as getStatus from './getStatus.operation';
import * as resubmit from './resubmit.operation';
import * as submit from './submit.operation';

export const resource = { name: 'Claim', value: 'claim' };

export const operations = { create, get, get837P, getMany, getStatus, resubmit, submit };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['claim'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create the claim of a completed appointment with a signed note, with its 837P', action: 'Create a claim' },
			{ name: 'Get', value: 'get', description: 'Get a claim with everything its 837P is built from', action: 'Get a claim' },
			{ name: 'Get 837P', value: 'get837P', description: 'Build and validate the 837P file of a claim', action: 'Get the 837P of a claim' },
			{ name: 'Get Many', value: 'getMany', description: 'List claims by status, patient, payer and date of service', action: 'Get many claims' },
			{ name: 'Get Status', value: 'getStatus', description: 'Get a claim’s status with its rejection codes', action: 'Get the status of a claim' },
			{ name: 'Resubmit', value: 'resubmit', description: 'Resubmit a claim as is, as a replacement or as a void', action: 'Resubmit a claim' },
			{ name: 'Submit', value: 'submit', description: 'Submit one or many claims to the clearinghouse', action: 'Submit claims' },
		],
		default: 'get',
	},
	...create.description,
	...get.description,
	...get837P.description,
	...getMany.description,
	...getStatus.description,
	...resubmit.description,
	...submit.description,
];
