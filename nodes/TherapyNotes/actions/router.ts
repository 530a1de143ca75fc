import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { RESOURCES } from './resources';

/** Switches on resource and operation, as n8n's own nodes do. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const module = RESOURCES.find((r) => r.resource.value === resource)?.operations[operation];
	if (!module) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	return [await module.execute.call(this, items)];
}
