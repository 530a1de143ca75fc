import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { Patient } from '../../../../lib/client';
import { locatorValue, outputChoice, patientLocator, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [patientLocator, outputChoice];

export const description = updateDisplayOptions({ show: { resource: ['patient'], operation: ['get'] } }, properties);

/** Minimum necessary: identities, status and assignment, no demographics. */
function summary(patient: Patient) {
	return {
		id: patient.id,
		encryptedId: patient.encryptedId,
		externalId: patient.externalId,
		status: patient.status,
		assignedClinicianIds: patient.assignedClinicianIds,
		portalStatus: patient.portalStatus,
	};
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const patient = await client.patients.get(locatorValue(this, 'patientId', itemIndex));
		return wantsAllFields(this, itemIndex) ? { ...patient } : summary(patient);
	});
}
