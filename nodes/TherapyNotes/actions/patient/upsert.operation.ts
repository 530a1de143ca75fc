import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';
import { newPatientProperties, readNewPatient } from './create.operation';
import { patientOutput } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'External ID',
		name: 'externalId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. CRM-1042',
		description: 'Your system’s ID for the patient: the patient with exactly this external ID is updated, or created when there is none',
	},
	...newPatientProperties.map((property) =>
		property.name === 'additionalFields' ? { ...property, options: property.options?.filter((option) => option.name !== 'externalId') } : property,
	),
];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['upsert'] } }, properties);

/** Safe to run again (retries, re-runs): it never makes a second patient with the same external ID. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const externalId = this.getNodeParameter('externalId', itemIndex) as string;
		const result = await client.patients.upsert({ ...readNewPatient(this, itemIndex), externalId });
		return { action: result.action, ...patientOutput(this, itemIndex, result.patient) };
	});
}
