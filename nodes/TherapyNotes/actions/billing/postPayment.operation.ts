import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { PostPaymentInput } from '../../../../lib/client';
import { isoDateParameter, locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';
import { idList } from '../appointment/fields';
import { paymentOutput, referenceField } from './fields';

const properties: INodeProperties[] = [
	patientLocator,
	{
		displayName: 'Amount (Cents)',
		name: 'amountCents',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 0,
		required: true,
		description: 'In cents, e.g. 7500 for 75.00 (Stripe’s amount can be passed as it is)',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'Card', value: 'card' },
			{ name: 'Cash', value: 'cash' },
			{ name: 'Check', value: 'check' },
			{ name: 'Other', value: 'other' },
		],
		default: 'card',
	},
	referenceField,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Apply To Appointment IDs',
				name: 'appliedToAppointmentIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2001, 2002',
				description: 'Sessions this payment pays first (numeric IDs or EncryptedIDs, separated by commas); what is left pays the oldest charges',
			},
			{ displayName: 'Date', name: 'date', type: 'dateTime', default: '', description: 'The day the payment was taken; today when empty' },
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['billing'], operation: ['postPayment'] } }, properties);

function readInput(context: IExecuteFunctions, itemIndex: number): PostPaymentInput {
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const input: Record<string, unknown> = {
		patientId: locatorValue(context, 'patientId', itemIndex),
		amountCents: context.getNodeParameter('amountCents', itemIndex),
		method: context.getNodeParameter('method', itemIndex),
		reference: context.getNodeParameter('reference', itemIndex),
		appliedToAppointmentIds: idList(extra.appliedToAppointmentIds),
	};
	if (extra.date) input.date = isoDateParameter(context, 'additionalFields.date', itemIndex);
	return input as PostPaymentInput;
}

/**
 * Idempotent by reference: the reference is looked up first and an existing payment is returned
 * with `alreadyPosted: true`; after a lost answer it is looked up again, so nothing posts twice.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const result = await client.billing.postPayment(readInput(this, itemIndex));
		return { ...paymentOutput(result.payment), alreadyPosted: result.alreadyPosted };
	});
}
