import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';
import { claimIdField } from './fields';

const properties: INodeProperties[] = [claimIdField];

export const description = updateDisplayOptions({ show: { resource: ['claim'], operation: ['getStatus'] } }, properties);

/** Status, rejection codes and amounts only: nothing about the patient, so no output choice. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return { ...(await client.claims.getStatus(String(this.getNodeParameter('claimId', itemIndex)))) };
	});
}
