import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { outputChoice } from '../common';
import { runPerItem } from '../runPerItem';
import { appointmentIdField, appointmentRef, appointmentOutput, clinicianField, durationField, locationField, readChanges, serviceCodeField, startField, telehealthField, TYPE_OPTIONS } from './fields';

const properties: INodeProperties[] = [
	appointmentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			clinicianField(),
			durationField,
			locationField(),
			{ displayName: 'Patient IDs', name: 'patientIds', type: 'string', default: '', placeholder: 'e.g. 1001, 1002', description: 'Replaces the patients: numeric IDs or EncryptedIDs, separated by commas' },
			serviceCodeField(),
			{ ...startField, description: 'The new start (reschedule), practice-local, e.g. 2026-12-03T14:30' },
			telehealthField,
			{ displayName: 'Type', name: 'type', type: 'options', options: TYPE_OPTIONS, default: 'therapySession' },
		],
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['update'] } }, properties);

/** Only the fields added are sent; the same update twice leaves the appointment the same. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const appointment = await client.appointments.update(appointmentRef(this, itemIndex), readChanges(this, itemIndex));
		return appointmentOutput(this, itemIndex, appointment);
	});
}
