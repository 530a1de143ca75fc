import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { outputChoice } from '../common';
import { runPerItem } from '../runPerItem';
import { noteIdField, noteOutput, noteRef, noteTypeField, noteTypeOf } from './fields';

const properties: INodeProperties[] = [noteIdField, noteTypeField, outputChoice];

export const description = updateDisplayOptions({ show: { resource: ['note'], operation: ['get'] } }, properties);

/** One note with its lock, signature and supervision state; text and diagnoses only with All Fields. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const note = await client.notes.get(noteRef(this, itemIndex), { noteType: noteTypeOf(this, itemIndex) });
		return noteOutput(this, itemIndex, note);
	});
}
