import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { InsurancePolicyInput } from '../../../../lib/client';
import { isoDateParameter, locatorValue, outputChoice, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { numberOrAsGiven } from './fields';
import { policyOutput } from './policies';

const properties: INodeProperties[] = [
	patientLocator,
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: [
			{ name: 'Primary', value: 'primary' },
			{ name: 'Secondary', value: 'secondary' },
			{ name: 'Tertiary', value: 'tertiary' },
		],
		default: 'primary',
		description: 'The patient’s policy of this priority is updated, or created when there is none',
	},
	{
		displayName: 'Payer Name or ID',
		name: 'payerId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getPayers' },
		default: '',
		required: true,
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{ displayName: 'Member ID', name: 'memberId', type: 'string', default: '', required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Copay (Cents)', name: 'copayCents', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'The copay in cents, e.g. 2500 for $25.00' },
			{ displayName: 'End Date', name: 'endDate', type: 'dateTime', default: '' },
			{ displayName: 'Group Number', name: 'groupNumber', type: 'string', default: '' },
			{ displayName: 'Start Date', name: 'startDate', type: 'dateTime', default: '' },
		],
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['setPolicy'] } }, properties);

function readPolicy(context: IExecuteFunctions, itemIndex: number): InsurancePolicyInput {
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const policy: Record<string, unknown> = {
		priority: context.getNodeParameter('priority', itemIndex),
		payerId: numberOrAsGiven(context.getNodeParameter('payerId', itemIndex)),
		memberId: context.getNodeParameter('memberId', itemIndex),
	};
	if (extra.copayCents !== undefined) policy.copayCents = extra.copayCents;
	if (extra.groupNumber !== undefined) policy.groupNumber = extra.groupNumber;
	for (const key of ['startDate', 'endDate'] as const) {
		if (extra[key] !== undefined) policy[key] = isoDateParameter(context, `additionalFields.${key}`, itemIndex);
	}
	return policy as InsurancePolicyInput;
}

/** Safe to run again: one policy per patient and priority, updated in place. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const result = await client.patients.setPolicy(locatorValue(this, 'patientId', itemIndex), readPolicy(this, itemIndex));
		return { action: result.action, ...policyOutput(this, itemIndex, result.policy) };
	});
}
