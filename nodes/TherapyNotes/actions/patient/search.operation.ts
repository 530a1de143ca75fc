import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Smith',
		description: 'Part of the patient’s name (at least 2 characters) or their external ID',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const matches = await client.patients.search(this.getNodeParameter('query', itemIndex) as string);
		return matches.map((m) => ({ ...m }));
	});
}
