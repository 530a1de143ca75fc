import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [patientLocator];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['getPortalStatus'] } }, properties);

/** Whether the patient was invited to TherapyPortal and has an account there (ids and dates only). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return { ...(await client.patients.getPortalStatus(locatorValue(this, 'patientId', itemIndex))) };
	});
}
