import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';
import { eraIdField } from './fields';

const properties: INodeProperties[] = [eraIdField];

export const description = updateDisplayOptions({ show: { resource: ['era'], operation: ['markProcessed'] } }, properties);

/** Posts the ERA to its claims; marking an ERA twice changes nothing and says so (alreadyProcessed). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return { ...(await client.eras.markProcessed(String(this.getNodeParameter('eraId', itemIndex)))) };
	});
}
