import { type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import type { TherapyNotesClient } from '../../../../lib/client';
import { runPerItem } from '../runPerItem';
import type { OperationModule } from '../types';

type Read = (client: TherapyNotesClient) => Promise<object | object[]>;

/**
 * The practice's reference lists take no parameters and differ only in what they read, so one
 * builder makes each operation: one output item per row (one item for a single record).
 */
function referenceList(read: Read): OperationModule {
	return {
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
			return runPerItem.call(this, items, async (client) => {
				const answer = await read(client);
				return Array.isArray(answer) ? answer.map((row) => ({ ...row }) as IDataObject) : ({ ...answer } as IDataObject);
			});
		},
	};
}

export const getClinicians = referenceList((client) => client.practice.clinicians());
export const getServiceCodes = referenceList((client) => client.practice.serviceCodes());
export const getLocations = referenceList((client) => client.practice.locations());
export const getPayers = referenceList((client) => client.practice.payers());
export const getInfo = referenceList((client) => client.practice.info());
/** One item per kind of To-Do (every kind, even at 0), for the user the credential logs in as. */
export const getTodoList = referenceList(async (client) => {
	const { userId, items } = await client.practice.todoList();
	return items.map((item) => ({ userId, ...item }));
});
