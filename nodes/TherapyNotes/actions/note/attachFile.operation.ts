import { NodeOperationError, type IDataObject } from 'n8n-workflow';
import { InvalidInputError } from '../../../../lib/client';
import { toNodeError } from '../errors';
import { noteActionOperation } from './fields';

/** Attaches the item's binary file (at most 10 MB, refused before any request when larger). */
export const { description, execute } = noteActionOperation(
	'attachFile',
	async function (client, noteId, options, itemIndex) {
		const property = this.getNodeParameter('binaryPropertyName', itemIndex, 'data') as string;
		const binary = this.helpers.assertBinaryData(itemIndex, property);
		const extra = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const fileName = String(extra.fileName || binary.fileName || 'attachment');
		const content = await this.helpers.getBinaryDataBuffer(itemIndex, property);
		try {
			return await client.notes.attach(noteId, { fileName, content }, options);
		} catch (error) {
			// The client checks the bytes as 'file.content'; the user knows them as the Input Binary Field.
			if (error instanceof InvalidInputError && error.field === 'file.content') {
				throw new NodeOperationError(this.getNode(), `Invalid parameter 'binaryPropertyName': the file in '${property}' ${error.problem}`, { itemIndex, description: 'Nothing was sent to TherapyNotes.' });
			}
			throw toNodeError(this.getNode(), error, itemIndex);
		}
	},
	[
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'The name of the input binary field containing the file to attach (at most 10 MB)',
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [{ displayName: 'File Name', name: 'fileName', type: 'string', default: '', description: 'The name to store the file under; the binary file’s own name by default' }],
		},
	],
);
