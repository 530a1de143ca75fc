import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { NewPatient } from '../../../../lib/client';
import { isoDateParameter, outputChoice } from '../common';
import { runPerItem } from '../runPerItem';
import { identityFields, optionalPatientFields, patientOutput, readPatientFields } from './fields';

/** First name, last name and date of birth (required), then any other field; shared with Create or Update. */
export const newPatientProperties: INodeProperties[] = [
	...identityFields.map((field) => ({ ...field, required: true })),
	{ displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options: optionalPatientFields },
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['create'] } }, newPatientProperties);

export function readNewPatient(context: IExecuteFunctions, itemIndex: number): NewPatient {
	return {
		...readPatientFields(context, itemIndex, 'additionalFields'),
		firstName: context.getNodeParameter('firstName', itemIndex) as string,
		lastName: context.getNodeParameter('lastName', itemIndex) as string,
		dateOfBirth: isoDateParameter(context, 'dateOfBirth', itemIndex),
	} as NewPatient;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return patientOutput(this, itemIndex, await client.patients.create(readNewPatient(this, itemIndex)));
	});
}
