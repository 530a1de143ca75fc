import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { outputChoice, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { detailSummary, eraIdField } from './fields';

const properties: INodeProperties[] = [eraIdField, { ...outputChoice, description: 'Summary leaves out the patient names and member IDs the 835 carries' }];

export const description = updateDisplayOptions({ show: { resource: ['era'], operation: ['getDetail'] } }, properties);

/** The ERA's 835 parsed: claims, service lines, adjustments, provider adjustments, balance and problems, in cents. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const detail = await client.eras.getDetail(String(this.getNodeParameter('eraId', itemIndex)));
		return wantsAllFields(this, itemIndex) ? ({ ...detail } as unknown as IDataObject) : detailSummary(detail);
	});
}
