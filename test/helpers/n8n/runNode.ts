import { WorkflowExecute, WorkflowHasIssuesError } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ExecutionError,
	type ExecutionStatus,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type IRun,
	type IWorkflowBase,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { createAdditionalData, createHooks, type ExecutionTrace } from './additionalData';
import type { HarnessCredentialsHelper } from './credentialsHelper';
import { HarnessNodeTypes, MANUAL_TRIGGER_NODE_TYPE, THERAPY_NOTES_NODE_TYPE } from './nodeTypes';

export const START_NODE = 'Start';
export const NODE_UNDER_TEST = 'TherapyNotes';

export interface RunNodeOptions {
	/** The TherapyNotes node's parameters as a saved workflow holds them (defaults filled in by n8n). */
	parameters: INodeParameters;
	/** The node's `therapyNotesApi` credential reference (id and name, as in workflow JSON). */
	credential: INodeCredentialsDetails;
	/** The JSON of the items the start node hands on; one empty item by default. */
	items?: IDataObject[];
	/** Whole items (e.g. with `binary` data, inline base64 as n8n keeps small files); wins over `items`. */
	inputItems?: INodeExecutionData[];
	/** The node setting "On Error: Continue" (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	/** "On Error: Continue (using error output)": failed items go to a second output. */
	errorOutput?: boolean;
	/**
	 * Execution mode. Not `manual` by default: in a manual run n8n-core calls the Manual Trigger,
	 * which emits one empty item; in any other mode it passes on the items of the execution stack.
	 */
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult {
	/** Main output 0 of the TherapyNotes node; empty when it failed. */
	items: INodeExecutionData[];
	/** The error output (`errorOutput`), where n8n moves the items of failed operations. */
	errorItems: INodeExecutionData[];
	/**
	 * The error n8n-core recorded in the node's run data (NodeOperationError / NodeApiError, as the
	 * serialised object the engine stores), or the WorkflowHasIssuesError it throws before running
	 * anything when a parameter fails the node's own validation.
	 */
	error?: ExecutionError | WorkflowHasIssuesError;
	status: ExecutionStatus;
	nodeExecutionOrder: string[];
	/** The engine's full result; absent when it refused to start. */
	run?: IRun;
}

let executionCounter = 0;

/** Start node → TherapyNotes node, wired and saved the way the n8n editor would. */
export function buildWorkflowData(options: RunNodeOptions): IWorkflowBase {
	const start: INode = { id: 'start-node', name: START_NODE, type: MANUAL_TRIGGER_NODE_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const node: INode = {
		id: 'therapynotes-node',
		name: NODE_UNDER_TEST,
		type: THERAPY_NOTES_NODE_TYPE,
		typeVersion: 1,
		position: [220, 0],
		parameters: options.parameters,
		credentials: { therapyNotesApi: options.credential },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
	};
	const connections: IConnections = { [START_NODE]: { main: [[{ node: NODE_UNDER_TEST, type: 'main', index: 0 }]] } };
	const now = new Date();
	return {
		id: 'harness-workflow',
		name: 'TherapyNotes harness',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: now,
		updatedAt: now,
		nodes: [start, node],
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Runs the workflow with n8n-core's WorkflowExecute the way n8n-core's NodeTestHarness does:
 * the start node and its input items on the execution stack, then `processRunExecutionData`.
 * Every call is a separate execution sharing only the credentials helper (and so the store).
 */
export async function runWorkflow(credentialsHelper: HarnessCredentialsHelper, options: RunNodeOptions): Promise<RunNodeResult> {
	const mode = options.mode ?? 'trigger';
	const executionId = String(++executionCounter);
	const workflowData = buildWorkflowData(options);
	const workflow = new Workflow({ id: workflowData.id, nodes: workflowData.nodes, connections: workflowData.connections, active: false, nodeTypes: new HarnessNodeTypes(), settings: workflowData.settings });
	const trace: ExecutionTrace = { nodeExecutionOrder: [] };
	const additionalData = createAdditionalData(credentialsHelper, createHooks(mode, executionId, workflowData, trace), executionId);
	const items = options.inputItems ?? (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: workflow.getNode(START_NODE) as INode, data: { main: [items] }, source: null }] },
	});
	let run: IRun;
	try {
		run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
	} catch (error) {
		// n8n checks parameters against the node's validation before the first node runs.
		if (error instanceof WorkflowHasIssuesError) return { items: [], errorItems: [], error, status: 'error', nodeExecutionOrder: trace.nodeExecutionOrder };
		throw error;
	}
	const task = run.data.resultData.runData[NODE_UNDER_TEST]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		errorItems: task?.data?.main?.[1] ?? [],
		error: task?.error,
		status: run.status,
		nodeExecutionOrder: trace.nodeExecutionOrder,
		run,
	};
}
