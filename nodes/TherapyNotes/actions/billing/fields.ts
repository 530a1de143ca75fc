import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Payment } from '../../../../lib/client';

export const referenceField: INodeProperties = {
	displayName: 'Reference',
	name: 'reference',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. pi_3NxYz…',
	description: 'An external reference unique to this payment, such as a Stripe PaymentIntent ID. A payment with the same reference is never posted twice.',
};

export const paymentOutput = (payment: Payment): IDataObject => ({ ...payment, appliedToAppointmentIds: [...payment.appliedToAppointmentIds] });
