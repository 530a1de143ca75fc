import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { AppointmentStatus } from '../../../../lib/client';
import { outputChoice } from '../common';
import { runPerItem } from '../runPerItem';
import { appointmentIdField, appointmentRef, appointmentOutput, STATUS_OPTIONS } from './fields';

const properties: INodeProperties[] = [
	appointmentIdField,
	{ displayName: 'Status', name: 'status', type: 'options', options: STATUS_OPTIONS, default: 'show' },
	{
		displayName: 'Charge Fee',
		name: 'chargeFee',
		type: 'boolean',
		default: false,
		description: 'Whether to charge the practice’s missed or late-cancellation fee',
		displayOptions: { show: { status: ['missed', 'cancelled', 'lateCancelled'] } },
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['appointment'], operation: ['setStatus'] } }, properties);

/** Setting a status is safe to repeat: the same status and fee give the same appointment. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const status = this.getNodeParameter('status', itemIndex) as AppointmentStatus;
		const chargeFee = this.getNodeParameter('chargeFee', itemIndex, false) as boolean;
		const appointment = await client.appointments.setStatus(appointmentRef(this, itemIndex), status, { chargeFee });
		return appointmentOutput(this, itemIndex, appointment);
	});
}
