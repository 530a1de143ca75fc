import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { PortalDocumentFilter } from '../../../../lib/client';
import { locatorValue, patientLocator } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	patientLocator,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Kind',
				name: 'kind',
				type: 'options',
				options: [
					{ name: 'Consent', value: 'consent' },
					{ name: 'Document', value: 'document' },
					{ name: 'Form', value: 'form' },
				],
				default: 'consent',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Acknowledged by Practice', value: 'acknowledged' },
					{ name: 'Pending Signature', value: 'pendingSignature' },
					{ name: 'Pending Submission', value: 'pendingSubmission' },
					{ name: 'Signed (Awaiting Acknowledgement)', value: 'signed' },
					{ name: 'Submitted (Awaiting Acknowledgement)', value: 'submitted' },
				],
				default: 'submitted',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['portal'], operation: ['getDocuments'] } }, properties);

/** The patient's portal forms, consents and documents with their statuses (names of templates, never answers). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const filter = this.getNodeParameter('filters', itemIndex, {}) as PortalDocumentFilter;
		return (await client.portal.documents(locatorValue(this, 'patientId', itemIndex), filter)).map((doc) => ({ ...doc }));
	});
}
