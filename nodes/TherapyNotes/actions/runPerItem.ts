import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import type { TherapyNotesClient } from '../../../lib/client';
import { clientFor } from '../transport';
import { toNodeError } from './errors';

export type ItemOperation = (this: IExecuteFunctions, client: TherapyNotesClient, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

/** The loop every operation shares: one client, per-item try/catch, Continue on Fail, pairedItem. */
export async function runPerItem(this: IExecuteFunctions, items: INodeExecutionData[], operation: ItemOperation): Promise<INodeExecutionData[]> {
	const client = await clientFor(this);
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.call(this, client, itemIndex);
			const rows = Array.isArray(result) ? result : [result];
			out.push(...this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(rows), { itemData: { item: itemIndex } }));
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (this.continueOnFail()) {
				// n8n's "Continue (using error output)" routes only items whose keys are error/message/details.
				out.push({ json: { error: nodeError.message, details: nodeError.description ?? null }, pairedItem: { item: itemIndex } });
				continue;
			}
			throw nodeError;
		}
	}
	return out;
}
