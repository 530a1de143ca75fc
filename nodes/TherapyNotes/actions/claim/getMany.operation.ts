import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { ClaimListFilters } from '../../../../lib/client';
import { isoDateParameter, listLimit, outputChoice, returnAllAndLimit, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { claimSummary } from './fields';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Date of Service From', name: 'dateOfServiceFrom', type: 'dateTime', default: '' },
			{ displayName: 'Date of Service To', name: 'dateOfServiceTo', type: 'dateTime', default: '' },
			{ displayName: 'Patient ID', name: 'patientId', type: 'string', default: '', description: 'The numeric patient ID, or its EncryptedID' },
			{ displayName: 'Payer ID', name: 'payerId', type: 'number', default: 0, description: 'The practice’s numeric payer ID' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Accepted', value: 'accepted' },
					{ name: 'Created', value: 'created' },
					{ name: 'Denied', value: 'denied' },
					{ name: 'Paid', value: 'paid' },
					{ name: 'Pending Resubmit (Rejected)', value: 'pendingResubmit' },
					{ name: 'Submitted', value: 'submitted' },
				],
				default: 'created',
			},
		],
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['claim'], operation: ['getMany'] } }, properties);

/** Reads the filters collection; the client checks the values (dates, range) before any request. */
function readFilters(context: IExecuteFunctions, itemIndex: number): ClaimListFilters {
	const raw = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const filters: ClaimListFilters = { limit: listLimit(context, itemIndex) };
	if (raw.status !== undefined) filters.status = raw.status as ClaimListFilters['status'];
	if (raw.patientId !== undefined && String(raw.patientId).trim() !== '') filters.patientId = String(raw.patientId);
	if (raw.payerId !== undefined && raw.payerId !== 0) filters.payerId = raw.payerId as number;
	if (raw.dateOfServiceFrom) filters.dateOfServiceFrom = isoDateParameter(context, 'filters.dateOfServiceFrom', itemIndex);
	if (raw.dateOfServiceTo) filters.dateOfServiceTo = isoDateParameter(context, 'filters.dateOfServiceTo', itemIndex);
	return filters;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const claims = await client.claims.list(readFilters(this, itemIndex));
		return wantsAllFields(this, itemIndex) ? claims.map((claim) => ({ ...claim }) as IDataObject) : claims.map(claimSummary);
	});
}
