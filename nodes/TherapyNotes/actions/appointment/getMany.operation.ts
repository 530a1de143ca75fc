import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { Appointment, AppointmentStatus, TherapyNotesClient } from '../../../../lib/client';
import { isoDateParameter, listLimit, locatorValue, outputChoice, patientLocator, returnAllAndLimit, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { appointmentItem, clinicianField, numberOrAsGiven, STATUS_OPTIONS } from './fields';

const byRange = { show: { listBy: ['dateRange'] } };
const byPatient = { show: { listBy: ['patient'] } };
const dayField = (displayName: string, name: string, description: string): INodeProperties => ({ displayName, name, type: 'dateTime', default: '', description });

const properties: INodeProperties[] = [
	{
		displayName: 'List By',
		name: 'listBy',
		type: 'options',
		options: [
			{ name: 'Date Range', value: 'dateRange', description: 'The practice’s calendar, or one clinician’s, over any number of days' },
			{ name: 'Patient', value: 'patient', description: 'Every appointment of one patient' },
		],
		default: 'dateRange',
	},
	{ ...dayField('From', 'from', 'First day (inclusive), practice-local'), required: true, displayOptions: byRange },
	{ ...dayField('To', 'to', 'Last day (inclusive), practice-local'), required: true, displayOptions: byRange },
	{ ...patientLocator, displayOptions: byPatient },
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			clinicianField({ displayOptions: { show: { '/listBy': ['dateRange'] } } }),
			{ ...dayField('From', 'from', 'Only appointments on or after this day'), displayOptions: { show: { '/listBy': ['patient'] } } },
			{ displayName: 'Statuses', name: 'statuses', type: 'multiOptions', options: STATUS_OPTIONS, default: [] },
			{ ...dayField('To', 'to', 'Only appointments on or before this day'), displayOptions: { show: { '/listBy': ['patient'] } } },
		],
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['getMany'] } }, properties);

/** "2026-12-03T00:00:00" (the date picker) → "2026-12-03"; anything else as given, for the client to judge. */
const dayOf = (value: unknown): string => {
	const text = String(value ?? '').trim();
	return /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
};

async function fetchAppointments(context: IExecuteFunctions, client: TherapyNotesClient, itemIndex: number): Promise<Appointment[]> {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const statuses = (filters.statuses as AppointmentStatus[] | undefined)?.length ? (filters.statuses as AppointmentStatus[]) : undefined;
	if (context.getNodeParameter('listBy', itemIndex) === 'patient') {
		const range: Record<string, string> = {};
		if (filters.from) range.from = dayOf(filters.from);
		if (filters.to) range.to = dayOf(filters.to);
		return client.appointments.listForPatient(locatorValue(context, 'patientId', itemIndex), { ...range, status: statuses });
	}
	const clinician = filters.clinicianId === undefined || filters.clinicianId === '' ? undefined : numberOrAsGiven(filters.clinicianId);
	return client.appointments.list({
		from: isoDateParameter(context, 'from', itemIndex),
		to: isoDateParameter(context, 'to', itemIndex),
		clinicianId: clinician as number | undefined,
		status: statuses,
	});
}

/** In start order; a long range is fetched in as few portal requests as its limits allow. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const appointments = await fetchAppointments(this, client, itemIndex);
		const limit = listLimit(this, itemIndex);
		const allFields = wantsAllFields(this, itemIndex);
		return (limit === undefined ? appointments : appointments.slice(0, limit)).map((a) => appointmentItem(a, allFields));
	});
}
