import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, outputChoice, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { patientOutput } from './fields';

const properties: INodeProperties[] = [patientLocator, outputChoice];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return patientOutput(this, itemIndex, await client.patients.get(locatorValue(this, 'patientId', itemIndex)));
	});
}
