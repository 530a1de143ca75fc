import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { PatientListOptions, PatientListRow } from '../../../../lib/client';
import { listLimit, outputChoice, returnAllAndLimit, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { clinicianOption, numberOrAsGiven } from './fields';

const properties: INodeProperties[] = [
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ ...clinicianOption, displayName: 'Assigned Clinician Name or ID', name: 'clinicianId' },
			{ displayName: 'Name Contains', name: 'name', type: 'string', default: '', description: 'Part of the patient’s first and last name' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Any', value: 'any' },
					{ name: 'Inactive', value: 'inactive' },
				],
				default: 'active',
			},
		],
	},
	outputChoice,
];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['getMany'] } }, properties);

/** Minimum necessary: the identities and the assignment, no names or dates of birth. */
const summary = (row: PatientListRow): IDataObject => ({ id: row.id, encryptedId: row.encryptedId, assignedClinicianIds: row.assignedClinicianIds });

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const options = { ...filters, limit: listLimit(this, itemIndex) } as PatientListOptions;
		if (filters.clinicianId !== undefined) options.clinicianId = numberOrAsGiven(filters.clinicianId) as number;
		const rows = await client.patients.list(options);
		return wantsAllFields(this, itemIndex) ? rows.map((row) => ({ ...row })) : rows.map(summary);
	});
}
