import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';
import { appointmentIdField, appointmentRef } from './fields';

const properties: INodeProperties[] = [
	{ ...appointmentIdField, description: 'A telehealth appointment starting within 5 hours (before or after). Pick it, or give its numeric ID or EncryptedID.' },
];

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['getTelehealthLink'] } }, properties);

/** The portal's refusal (outside the ±5 h window, missed or cancelled, in office) is the error, in its words. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		return { ...(await client.appointments.telehealthLink(appointmentRef(this, itemIndex))) };
	});
}
