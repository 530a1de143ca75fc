import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [patientLocator];

export const description = updateDisplayOptions({ show: { resource: ['billing'], operation: ['getUnpaidSessions'] } }, properties);

/** One item per session or fee with an amount owed, oldest first. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const sessions = await client.billing.unpaidSessions(locatorValue(this, 'patientId', itemIndex));
		return sessions.map((session) => ({ ...session }));
	});
}
