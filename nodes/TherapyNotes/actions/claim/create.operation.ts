import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import { outputChoice, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { claimSummary, fileFacts, idField, readX12Options, x12OptionsField } from './fields';

const properties: INodeProperties[] = [
	{ ...idField('Appointment ID', 'appointmentId', 'appointment'), description: 'A completed appointment whose progress note is signed. The numeric ID or its EncryptedID.' },
	{
		displayName: 'Patient ID (Group Appointment)',
		name: 'patientId',
		type: 'string',
		default: '',
		description: 'Which patient of a group appointment to bill; leave empty for an individual appointment',
	},
	x12OptionsField,
	{
		...outputChoice,
		description: 'Summary leaves out the 837P text, which holds patient data; All Fields returns the claim detail and the 837P text',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['claim'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const patientId = String(this.getNodeParameter('patientId', itemIndex, '')).trim();
		const result = await client.claims.create(
			{ appointmentId: String(this.getNodeParameter('appointmentId', itemIndex)), patientId: patientId === '' ? undefined : patientId },
			{ x12: readX12Options(this, itemIndex) },
		);
		const flags = { alreadyExisted: result.alreadyExisted, recovered: result.recovered };
		if (wantsAllFields(this, itemIndex)) return { ...result.claim, ...flags, x12: { ...result.x12 } } as IDataObject;
		return { ...claimSummary(result.claim), ...flags, x12: fileFacts(result.x12) };
	});
}
