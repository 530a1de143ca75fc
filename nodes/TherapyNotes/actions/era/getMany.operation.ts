import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { EraListFilters } from '../../../../lib/client';
import { listLimit, returnAllAndLimit } from '../common';
import { runPerItem } from '../runPerItem';
import { eraStatusFilter, optionalDay, receivedDateFields } from './fields';

const properties: INodeProperties[] = [...receivedDateFields(false), eraStatusFilter, ...returnAllAndLimit()];

export const description = updateDisplayOptions({ show: { resource: ['era'], operation: ['getMany'] } }, properties);

/** One item per ERA, newest received first. ERA rows hold no patient data. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const filters: EraListFilters = {
			receivedFrom: optionalDay(this, 'receivedFrom', itemIndex),
			receivedTo: optionalDay(this, 'receivedTo', itemIndex),
			status: this.getNodeParameter('status', itemIndex, 'any') as EraListFilters['status'],
			limit: listLimit(this, itemIndex),
		};
		return (await client.eras.list(filters)).map((era) => ({ ...era }));
	});
}
