import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { listLimit, returnAllAndLimit } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Minimum Days Outstanding',
		name: 'minDaysOutstanding',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 30,
		description: 'Only sessions at least this many days past their date',
	},
	...returnAllAndLimit(),
];

export const description = updateDisplayOptions({ show: { resource: ['billing'], operation: ['getOverdueSessions'] } }, properties);

/** Every patient's unpaid sessions, most overdue first, read page by page until the limit. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const minDaysOutstanding = this.getNodeParameter('minDaysOutstanding', itemIndex) as number;
		const sessions = await client.billing.overdueSessions({ minDaysOutstanding, limit: listLimit(this, itemIndex) });
		return sessions.map((session) => ({ ...session }));
	});
}
