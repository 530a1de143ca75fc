import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export interface OperationModule {
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

/** What each `<resource>/<Resource>.resource.ts` exports; the node and router are built from these. */
export interface ResourceModule {
	resource: { name: string; value: string; description?: string };
	description: INodeProperties[];
	operations: Record<string, OperationModule>;
}
