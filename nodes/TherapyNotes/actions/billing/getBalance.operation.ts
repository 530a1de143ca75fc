import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [patientLocator];

export const description = updateDisplayOptions({ show: { resource: ['billing'], operation: ['getBalance'] } }, properties);

/** Balance, totals and aging buckets in cents: ids and amounts only. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const balance = await client.billing.balance(locatorValue(this, 'patientId', itemIndex));
		return { ...balance, agingCents: { ...balance.agingCents } };
	});
}
