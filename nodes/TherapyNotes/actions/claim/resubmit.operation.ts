import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { ClaimResubmitInput } from '../../../../lib/client';
import { outputChoice, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { claimIdField, claimSummary, fileFacts, readX12Options, x12OptionsField } from './fields';

const properties: INodeProperties[] = [
	claimIdField,
	{
		displayName: 'Frequency',
		name: 'frequency',
		type: 'options',
		options: [
			{ name: 'Original (1)', value: '1', description: 'Send a rejected claim again as it is' },
			{ name: 'Replacement (7)', value: '7', description: 'Replace the claim the payer has (needs the payer claim number)' },
			{ name: 'Void (8)', value: '8', description: 'Cancel the claim the payer has (needs the payer claim number)' },
		],
		default: '7',
		description: 'Claim frequency code (CLM05-3)',
	},
	{
		displayName: 'Payer Claim Number',
		name: 'payerClaimNumber',
		type: 'string',
		default: '',
		description: 'The payer’s claim control number (REF*F8); the one on file is used when empty',
	},
	{
		displayName: 'Correction',
		name: 'correction',
		type: 'collection',
		placeholder: 'Add Correction',
		default: {},
		options: [
			{ displayName: 'Charge (Cents)', name: 'chargeCents', type: 'number', typeOptions: { minValue: 1 }, default: 0, description: 'The corrected charge in cents, e.g. 14050 for $140.50' },
			{ displayName: 'Units', name: 'units', type: 'number', typeOptions: { minValue: 1, maxValue: 99 }, default: 1 },
		],
	},
	x12OptionsField,
	{ ...outputChoice, description: 'Summary leaves out the 837P text, which holds patient data' },
];

export const description = updateDisplayOptions({ show: { resource: ['claim'], operation: ['resubmit'] } }, properties);

function readResubmission(context: IExecuteFunctions, itemIndex: number): ClaimResubmitInput {
	const payerClaimNumber = String(context.getNodeParameter('payerClaimNumber', itemIndex, '')).trim();
	const correction = context.getNodeParameter('correction', itemIndex, {}) as IDataObject;
	return {
		claimId: String(context.getNodeParameter('claimId', itemIndex)),
		frequency: context.getNodeParameter('frequency', itemIndex) as ClaimResubmitInput['frequency'],
		payerClaimNumber: payerClaimNumber === '' ? undefined : payerClaimNumber,
		correction: Object.keys(correction).length > 0 ? (correction as ClaimResubmitInput['correction']) : undefined,
	};
}

/** The corrected 837P is validated before anything is sent. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const result = await client.claims.resubmit(readResubmission(this, itemIndex), { x12: readX12Options(this, itemIndex) });
		if (wantsAllFields(this, itemIndex)) return { ...result.claim, recovered: result.recovered, x12: { ...result.x12 } } as IDataObject;
		return { ...claimSummary(result.claim), recovered: result.recovered, x12: fileFacts(result.x12) };
	});
}
