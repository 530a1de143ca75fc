import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { CreateNoteInput } from '../../../../lib/client';
import { locatorValue, outputChoice, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { codingFields, noteOutput, noteTextFields, numberOrAsGiven, readNoteChanges } from './fields';

const properties: INodeProperties[] = [
	patientLocator,
	{
		displayName: 'Appointment ID',
		name: 'appointmentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 7001',
		description: 'The appointment the note documents (numeric ID or EncryptedID). It can have one progress note: if it already has a draft, that draft is returned.',
	},
	{
		displayName: 'Start From',
		name: 'startFrom',
		type: 'options',
		options: [
			{ name: 'Blank Note', value: 'blank' },
			{ name: 'Previous Note of the Patient', value: 'previousNote', description: 'Copy the text and codes of the patient’s latest progress note' },
			{ name: 'Template', value: 'template' },
		],
		default: 'blank',
	},
	// Read by the template picker (methods/loadOptions.ts) so it lists progress-note templates only.
	{ displayName: 'Note Type', name: 'noteType', type: 'hidden', default: 'progressNote' },
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getNoteTemplates' },
		default: '',
		required: true,
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: { show: { startFrom: ['template'] } },
	},
	{ displayName: 'Note Text', name: 'noteText', type: 'collection', placeholder: 'Add Section', default: {}, options: noteTextFields, description: 'Sections given here replace the template’s or previous note’s text' },
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: codingFields },
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['note'], operation: ['create'] } }, properties);

function createInput(context: IExecuteFunctions, itemIndex: number): CreateNoteInput {
	const startFrom = context.getNodeParameter('startFrom', itemIndex, 'blank') as CreateNoteInput['startFrom'];
	const { content } = readNoteChanges(context, itemIndex, 'noteText');
	const { diagnoses, serviceCode, billable } = readNoteChanges(context, itemIndex, 'additionalFields');
	const input: Record<string, unknown> = {
		patientId: locatorValue(context, 'patientId', itemIndex),
		appointmentId: String(context.getNodeParameter('appointmentId', itemIndex, '')).trim(),
		startFrom,
		content,
		diagnoses,
		serviceCode,
		billable,
	};
	if (startFrom === 'template') input.templateId = numberOrAsGiven(context.getNodeParameter('templateId', itemIndex, ''));
	return input as CreateNoteInput;
}

/** A draft progress note; `outcome` says whether it was created or the appointment's existing draft was returned. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return noteOutput(this, itemIndex, await client.notes.create(createInput(this, itemIndex)));
	});
}
