import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { outputChoice } from '../common';
import { runPerItem } from '../runPerItem';
import { appointmentIdField, appointmentRef, appointmentOutput } from './fields';

const properties: INodeProperties[] = [appointmentIdField, outputChoice];

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const appointment = await client.appointments.get(appointmentRef(this, itemIndex));
		return appointmentOutput(this, itemIndex, appointment);
	});
}
