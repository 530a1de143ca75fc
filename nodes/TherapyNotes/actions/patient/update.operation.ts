import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, outputChoice, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { byDisplayName, identityFields, optionalPatientFields, patientOutput, readPatientFields } from './fields';

const properties: INodeProperties[] = [
	patientLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; an update without any is refused',
		options: [...identityFields, ...optionalPatientFields].sort(byDisplayName),
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const patient = await client.patients.update(locatorValue(this, 'patientId', itemIndex), readPatientFields(this, itemIndex, 'updateFields'));
		return patientOutput(this, itemIndex, patient);
	});
}
