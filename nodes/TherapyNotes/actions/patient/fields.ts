import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Patient, PatientUpdate } from '../../../../lib/client';
import { isoDateParameter, wantsAllFields } from '../common';

/** A dropdown of the practice's clinicians (methods/loadOptions.ts), or an ID from an expression. */
export const clinicianOption: INodeProperties = {
	displayName: 'Assigned Clinician Name or ID',
	name: 'assignedClinicianId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getClinicians' },
	default: '',
	description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};

const nameField = (displayName: string, name: string): INodeProperties => ({ displayName, name, type: 'string', default: '' });

/** Names and date of birth: top-level parameters of a create, optional fields of an update. */
export const identityFields: INodeProperties[] = [
	nameField('First Name', 'firstName'),
	nameField('Last Name', 'lastName'),
	{ displayName: 'Date of Birth', name: 'dateOfBirth', type: 'dateTime', default: '' },
];

/** Every other patient field, alphabetical as n8n shows collections. */
export const optionalPatientFields: INodeProperties[] = [
	clinicianOption,
	nameField('City', 'city'),
	{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
	nameField('External ID', 'externalId'),
	nameField('Middle Name', 'middleName'),
	nameField('Phone', 'phone'),
	{ displayName: 'Session Fee (Cents)', name: 'sessionFeeCents', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'The patient’s fee per session in cents, e.g. 15000 for $150.00' },
	{
		displayName: 'Sex',
		name: 'sex',
		type: 'options',
		options: [
			{ name: 'Female', value: 'F' },
			{ name: 'Male', value: 'M' },
			{ name: 'Unknown', value: 'U' },
		],
		default: 'U',
	},
	nameField('State', 'state'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Active', value: 'active' },
			{ name: 'Inactive', value: 'inactive' },
		],
		default: 'active',
	},
	nameField('Street', 'street'),
	nameField('ZIP Code', 'zip'),
];

export const byDisplayName = (a: INodeProperties, b: INodeProperties) => a.displayName.localeCompare(b.displayName);

const ADDRESS_KEYS = new Set(['street', 'city', 'state', 'zip']);

/** A numeric text (from an expression) as a number; anything else as given, for the client to refuse. */
export const numberOrAsGiven = (value: unknown): unknown => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);

/**
 * Reads a collection of patient fields into the client's shape: address parts grouped, dates as
 * ISO days. Only the fields the user added are present, so an update changes nothing else.
 */
export function readPatientFields(context: IExecuteFunctions, itemIndex: number, collection: string): PatientUpdate {
	const raw = context.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const fields: Record<string, unknown> = {};
	const address: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (ADDRESS_KEYS.has(key)) address[key] = value;
		else if (key === 'dateOfBirth') fields.dateOfBirth = isoDateParameter(context, `${collection}.dateOfBirth`, itemIndex);
		else if (key === 'assignedClinicianId') fields.assignedClinicianId = numberOrAsGiven(value);
		else fields[key] = value;
	}
	if (Object.keys(address).length > 0) fields.address = address;
	return fields as PatientUpdate;
}

/** Minimum necessary: identities, status and assignment, no demographics. */
export function patientSummary(patient: Patient): IDataObject {
	return {
		id: patient.id,
		encryptedId: patient.encryptedId,
		externalId: patient.externalId,
		status: patient.status,
		assignedClinicianIds: patient.assignedClinicianIds,
		portalStatus: patient.portalStatus,
	};
}

export function patientOutput(context: IExecuteFunctions, itemIndex: number, patient: Patient): IDataObject {
	return wantsAllFields(context, itemIndex) ? { ...patient } : patientSummary(patient);
}
