import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Claim IDs',
		name: 'claimIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1201, 1202',
		description: 'One to 100 claim IDs (numeric or EncryptedID), separated by commas. The portal submits all of them or none.',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['claim'], operation: ['submit'] } }, properties);

/** A list from an expression may arrive as an array; text is split on commas. */
function claimIds(value: unknown): string[] {
	const list = Array.isArray(value) ? value.map(String) : String(value ?? '').split(',');
	return list.map((id) => id.trim()).filter((id) => id !== '');
}

/** One output item per submitted claim. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const result = await client.claims.submit(claimIds(this.getNodeParameter('claimIds', itemIndex)));
		return result.claims.map((claim) => ({ ...claim, recovered: result.recovered }));
	});
}
