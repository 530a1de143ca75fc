import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { CreateAppointmentInput } from '../../../../lib/client';
import { locatorValue, outputChoice, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { appointmentOutput, clinicianField, dateTimeText, durationField, idList, locationField, numberOrAsGiven, patientIdsField, serviceCodeField, startField, TYPE_OPTIONS, telehealthField } from './fields';

const withPatients = { hide: { type: ['scheduledEvent'] } };

const properties: INodeProperties[] = [
	{ displayName: 'Type', name: 'type', type: 'options', options: TYPE_OPTIONS, default: 'therapySession' },
	{ ...patientLocator, displayOptions: withPatients },
	clinicianField({ required: true }),
	{ ...startField, required: true },
	durationField,
	serviceCodeField({ required: true, displayOptions: withPatients }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ ...patientIdsField, displayOptions: withPatients }, locationField(), telehealthField],
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['create'] } }, properties);

function readInput(context: IExecuteFunctions, itemIndex: number): CreateAppointmentInput {
	const type = context.getNodeParameter('type', itemIndex) as CreateAppointmentInput['type'];
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input: Record<string, unknown> = {
		type,
		clinicianId: numberOrAsGiven(context.getNodeParameter('clinicianId', itemIndex)),
		start: dateTimeText(context.getNodeParameter('start', itemIndex)),
		durationMinutes: context.getNodeParameter('durationMinutes', itemIndex),
	};
	if (type !== 'scheduledEvent') {
		input.patientIds = [locatorValue(context, 'patientId', itemIndex), ...idList(extra.additionalPatientIds)];
		input.serviceCode = context.getNodeParameter('serviceCode', itemIndex);
	}
	if (extra.locationId !== undefined && extra.locationId !== '') input.locationId = numberOrAsGiven(extra.locationId);
	if (extra.telehealth !== undefined) input.telehealth = extra.telehealth;
	return input as CreateAppointmentInput;
}

/**
 * Books an appointment. If the portal's answer is lost, the clinician's calendar is searched for
 * the same booking before anything is sent again, so a retry never books twice.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return appointmentOutput(this, itemIndex, await client.appointments.create(readInput(this, itemIndex)));
	});
}
