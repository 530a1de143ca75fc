import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Lists the forms, consents and documents the practice can assign; use a template’s ID in Assign Template',
		name: 'templatesNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['portal'], operation: ['getTemplates'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client) {
		return (await client.portal.templates()).map((template) => ({ ...template }));
	});
}
