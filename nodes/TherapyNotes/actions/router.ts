import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import * as patient from './patient/Patient.resource';

type OperationModule = { execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> };

const RESOURCES: Record<string, Record<string, OperationModule>> = {
	patient: { get: patient.get, search: patient.search },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = RESOURCES[resource]?.[operation];
	if (!module) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	return [await module.execute.call(this, items)];
}
