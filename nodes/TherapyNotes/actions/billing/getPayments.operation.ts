import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { paymentOutput, referenceField } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: [
			{ name: 'Patient', value: 'patient', description: 'Every payment of one patient' },
			{ name: 'Reference', value: 'reference', description: 'Payments recorded with exactly this reference, e.g. a Stripe PaymentIntent ID' },
		],
		default: 'patient',
	},
	{ ...patientLocator, displayOptions: { show: { findBy: ['patient'] } } },
	{ ...referenceField, displayOptions: { show: { findBy: ['reference'] } } },
];

export const description = updateDisplayOptions({ show: { resource: ['billing'], operation: ['getPayments'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const payments =
			this.getNodeParameter('findBy', itemIndex) === 'reference'
				? await client.billing.findPayments(this.getNodeParameter('reference', itemIndex) as string)
				: await client.billing.listPayments(locatorValue(this, 'patientId', itemIndex));
		return payments.map(paymentOutput);
	});
}
