import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	patientLocator,
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		required: true,
		description: 'The form, consent or document to share (see the Get Templates operation)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Duplicate',
				name: 'allowDuplicate',
				type: 'boolean',
				default: false,
				description: 'Whether to assign the template even when the patient still has an open copy of it (by default that copy is returned)',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['portal'], operation: ['assignTemplate'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const options = this.getNodeParameter('options', itemIndex, {}) as { allowDuplicate?: boolean };
		const templateId = this.getNodeParameter('templateId', itemIndex) as number;
		const result = await client.portal.assign(locatorValue(this, 'patientId', itemIndex), templateId, options);
		return { ...result.document, alreadyAssigned: result.alreadyAssigned };
	});
}
