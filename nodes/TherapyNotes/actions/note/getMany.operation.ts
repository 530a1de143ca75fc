import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { NoteListParams } from '../../../../lib/client';
import { listLimit, locatorValue, outputChoice, patientLocator, returnAllAndLimit, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { noteItem, numberOrAsGiven } from './fields';

const properties: INodeProperties[] = [
	{ ...patientLocator, required: false, description: 'Leave empty to list the notes of every patient' },
	{
		displayName: 'Include Psychotherapy Notes',
		name: 'includePsychotherapy',
		type: 'boolean',
		default: false,
		description:
			'Whether to also return psychotherapy notes, which are kept apart from the clinical record. Off by default; needs a patient. Turn on only when the workflow must read them.',
	},
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Appointment ID', name: 'appointmentId', type: 'string', default: '', description: 'Only the notes of this appointment (numeric ID or EncryptedID)' },
			{ displayName: 'Clinician ID', name: 'clinicianId', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'Only the notes this clinician wrote' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Awaiting Supervisor', value: 'awaitingSupervisor' },
					{ name: 'Draft', value: 'draft' },
					{ name: 'Signed', value: 'signed' },
				],
				default: 'draft',
			},
		],
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['note'], operation: ['getMany'] } }, properties);

function listParams(context: IExecuteFunctions, itemIndex: number): NoteListParams {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const patientId = locatorValue(context, 'patientId', itemIndex);
	const params: Record<string, unknown> = {
		includePsychotherapy: context.getNodeParameter('includePsychotherapy', itemIndex, false),
		limit: listLimit(context, itemIndex),
	};
	if (patientId !== '') params.patientId = patientId;
	if (filters.appointmentId !== undefined && String(filters.appointmentId).trim() !== '') params.appointmentId = numberOrAsGiven(filters.appointmentId);
	if (filters.clinicianId !== undefined) params.clinicianId = filters.clinicianId;
	if (filters.status !== undefined) params.status = filters.status;
	return params as NoteListParams;
}

/** Notes newest date of service first; summary rows carry no text and no diagnoses. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const notes = await client.notes.list(listParams(this, itemIndex));
		const allFields = wantsAllFields(this, itemIndex);
		return notes.map((note) => noteItem(note, allFields));
	});
}
