import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';
import { eraIdField } from './fields';

const properties: INodeProperties[] = [eraIdField];

export const description = updateDisplayOptions({ show: { resource: ['era'], operation: ['get'] } }, properties);

/** Payer, trace/check number, dates, amount, claim count and status: no patient data, so no output choice. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return { ...(await client.eras.get(String(this.getNodeParameter('eraId', itemIndex)))) };
	});
}
