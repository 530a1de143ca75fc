import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { outputChoice, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { claimIdField, claimSummary } from './fields';

const properties: INodeProperties[] = [claimIdField, outputChoice];

export const description = updateDisplayOptions({ show: { resource: ['claim'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const claim = await client.claims.get(String(this.getNodeParameter('claimId', itemIndex)));
		return wantsAllFields(this, itemIndex) ? ({ ...claim } as IDataObject) : claimSummary(claim);
	});
}
