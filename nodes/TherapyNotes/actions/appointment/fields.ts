import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { Appointment, UpdateAppointmentInput } from '../../../../lib/client';
import { wantsAllFields } from '../common';

/** An appointment picker: the next two weeks by patient name, or a typed ID / EncryptedID (the client checks it). */
export const appointmentIdField: INodeProperties = {
	displayName: 'Appointment',
	name: 'appointmentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The appointment: pick one, or give its numeric ID or EncryptedID',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAppointments', searchable: true } },
		{ displayName: 'By ID or Encrypted ID', name: 'id', type: 'string', placeholder: 'e.g. 2001' },
	],
};

/** The appointment reference as the client takes it, whichever way it was given. */
export function appointmentRef(context: IExecuteFunctions, itemIndex: number): string {
	return String(context.getNodeParameter('appointmentId', itemIndex, '', { extractValue: true }) ?? '').trim();
}

export const TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Consultation', value: 'consultation' },
	{ name: 'Group Therapy', value: 'groupTherapy' },
	{ name: 'Psychological Evaluation', value: 'psychologicalEvaluation' },
	{ name: 'Scheduled Event (No Patient)', value: 'scheduledEvent' },
	{ name: 'Therapy Intake', value: 'therapyIntake' },
	{ name: 'Therapy Session', value: 'therapySession' },
];

export const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Cancelled', value: 'cancelled' },
	{ name: 'Late Cancelled', value: 'lateCancelled' },
	{ name: 'Missed', value: 'missed' },
	{ name: 'Scheduled', value: 'scheduled' },
	{ name: 'Show', value: 'show' },
];

const EXPRESSION_HINT = 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';

/** A dropdown filled by one of the node's loadOptions methods; an expression may give the value instead. */
export function dynamicOptions(displayName: string, name: string, method: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName, name, type: 'options', typeOptions: { loadOptionsMethod: method }, default: '', description: EXPRESSION_HINT, ...extra };
}

export const clinicianField = (extra: Partial<INodeProperties> = {}) => dynamicOptions('Clinician Name or ID', 'clinicianId', 'getClinicians', extra);
export const serviceCodeField = (extra: Partial<INodeProperties> = {}) => dynamicOptions('Service Code Name or ID', 'serviceCode', 'getServiceCodes', extra);
export const locationField = (extra: Partial<INodeProperties> = {}) => dynamicOptions('Location Name or ID', 'locationId', 'getLocations', extra);

export const startField: INodeProperties = {
	displayName: 'Start',
	name: 'start',
	type: 'dateTime',
	default: '',
	description: 'Practice-local date and time, e.g. 2026-12-03T14:30 (no time zone)',
};

export const durationField: INodeProperties = { displayName: 'Duration (Minutes)', name: 'durationMinutes', type: 'number', typeOptions: { minValue: 5, maxValue: 600 }, default: 45 };

export const patientIdsField: INodeProperties = {
	displayName: 'Additional Patient IDs',
	name: 'additionalPatientIds',
	type: 'string',
	default: '',
	placeholder: 'e.g. 1002, 1003',
	description: 'More patients of a group appointment: numeric IDs or EncryptedIDs, separated by commas',
};

export const telehealthField: INodeProperties = { displayName: 'Telehealth', name: 'telehealth', type: 'boolean', default: false, description: 'Whether the appointment is held by telehealth' };

/** A numeric text (an expression, or a dropdown value) as a number; anything else as given, for the client to judge. */
export const numberOrAsGiven = (value: unknown): unknown => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value);

/** "1002, Ab12…" → [1002, 'Ab12…']. */
export const idList = (value: unknown): unknown[] =>
	(Array.isArray(value) ? value : String(value ?? '').split(/[,;\s]+/))
		.map((id) => (typeof id === 'string' ? id.trim() : id))
		.filter((id) => id !== '')
		.map(numberOrAsGiven);

/** n8n's date picker answers "2026-12-03T14:30:00"; anything else goes to the client as given. */
export const dateTimeText = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : typeof value === 'string' ? value.trim() : value);

/** The collection of an update → the client's changes (only the fields the user added). */
export function readChanges(context: IExecuteFunctions, itemIndex: number): UpdateAppointmentInput {
	const raw = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (key === 'patientIds') changes.patientIds = idList(value);
		else if (key === 'start') changes.start = dateTimeText(value);
		else if (key === 'clinicianId' || key === 'locationId') changes[key] = numberOrAsGiven(value);
		else changes[key] = value;
	}
	return changes as UpdateAppointmentInput;
}

/** Minimum necessary: ids, times, status, codes; patient names only with "All Fields". */
export function appointmentOutput(context: IExecuteFunctions, itemIndex: number, appointment: Appointment): IDataObject {
	return appointmentItem(appointment, wantsAllFields(context, itemIndex));
}

/**
 * The same, with the "Output" choice already read: a list reads it once, because n8n resolves and
 * validates a parameter on every getNodeParameter call (~0.1 ms; 10,000 rows cost a second).
 */
export function appointmentItem(appointment: Appointment, allFields: boolean): IDataObject {
	if (allFields) return { ...appointment, patients: appointment.patients.map((p) => ({ ...p })) };
	const { patients: _names, ...summary } = appointment; // eslint-disable-line @typescript-eslint/no-unused-vars -- left out on purpose
	return summary;
}
