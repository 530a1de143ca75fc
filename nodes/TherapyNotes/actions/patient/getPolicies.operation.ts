import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, outputChoice, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { policyOutput } from './policies';

const properties: INodeProperties[] = [patientLocator, outputChoice];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['getPolicies'] } }, properties);

/** One item per policy (primary, secondary, tertiary); none when the patient is self-pay. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const policies = await client.patients.getPolicies(locatorValue(this, 'patientId', itemIndex));
		return policies.map((policy) => policyOutput(this, itemIndex, policy));
	});
}
