import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Document ID',
		name: 'documentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 12',
		description: 'A portal document the client submitted or signed: the numeric ID or its EncryptedID',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['portal'], operation: ['acknowledgeDocument'] } }, properties);

/** Safe to repeat: a document acknowledged before is answered with `alreadyAcknowledged: true`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const documentId = String(this.getNodeParameter('documentId', itemIndex)).trim();
		const result = await client.portal.acknowledge(documentId);
		return result.document ? { ...result.document, alreadyAcknowledged: false } : { documentId, status: 'acknowledged', alreadyAcknowledged: true };
	});
}
