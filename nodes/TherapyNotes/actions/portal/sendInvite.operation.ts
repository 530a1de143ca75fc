import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [patientLocator];

export const description = updateDisplayOptions({ show: { resource: ['portal'], operation: ['sendInvite'] } }, properties);

/**
 * Sends the TherapyPortal welcome email (again, for an invited patient). When the patient has no
 * date of birth or email, the portal's reason is the error. Not retried after a lost answer: a
 * repeat would only send the email again.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return { ...(await client.portal.invite(locatorValue(this, 'patientId', itemIndex))) };
	});
}
