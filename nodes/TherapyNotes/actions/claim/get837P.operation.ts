import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';
import { claimIdField, readX12Options, x12OptionsField } from './fields';

const properties: INodeProperties[] = [
	claimIdField,
	x12OptionsField,
	{
		displayName: 'The 837P holds patient names, dates of birth and diagnoses: send it only where that data may go',
		name: 'x12Notice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['claim'], operation: ['get837P'] } }, properties);

/** The claim's 837P (005010X222A1), built from its current detail and validated; the text is the point, so it is always returned. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const file = await client.claims.get837P(String(this.getNodeParameter('claimId', itemIndex)), { x12: readX12Options(this, itemIndex) });
		return { ...file };
	});
}
