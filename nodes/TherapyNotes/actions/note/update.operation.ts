import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { outputChoice } from '../common';
import { runPerItem } from '../runPerItem';
import { noteIdField, noteOutput, noteRef, noteTypeField, noteTypeOf, readNoteChanges, updatableFields } from './fields';

const properties: INodeProperties[] = [
	noteIdField,
	noteTypeField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: updatableFields,
		description: 'Only the fields added here change; an empty section is cleared',
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['note'], operation: ['update'] } }, properties);

/** Changes a draft. A signed or awaiting-supervisor note is refused before anything is sent. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const note = await client.notes.update(noteRef(this, itemIndex), readNoteChanges(this, itemIndex, 'updateFields'), { noteType: noteTypeOf(this, itemIndex) });
		return noteOutput(this, itemIndex, note);
	});
}
