import { updateDisplayOptions, type IBinaryData, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';
import { eraIdField } from './fields';

const properties: INodeProperties[] = [
	eraIdField,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field to put the 835 file in',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['era'], operation: ['download'] } }, properties);

const pairedIndex = (item: INodeExecutionData) => (typeof item.pairedItem === 'object' && !Array.isArray(item.pairedItem) ? item.pairedItem.item : -1);

/** The raw 835 as binary data (ERA-<id>.835, application/edi-x12); the JSON says which file it is. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	// runPerItem returns JSON only, so each item's file waits here and is attached to its paired item.
	const files = new Map<number, { field: string; data: IBinaryData }>();
	const out = await runPerItem.call(this, items, async function (client, itemIndex) {
		const file = await client.eras.download(String(this.getNodeParameter('eraId', itemIndex)));
		const field = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
		files.set(itemIndex, { field, data: await this.helpers.prepareBinaryData(Buffer.from(file.text, 'utf8'), file.fileName, file.mimeType) });
		return { eraId: file.eraId, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: Buffer.byteLength(file.text, 'utf8') };
	});
	return out.map((item) => {
		const file = files.get(pairedIndex(item));
		return file && !('error' in item.json) ? { ...item, binary: { [file.field]: file.data } } : item;
	});
}
