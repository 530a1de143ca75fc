import { ExecutionLifecycleHooks, ExternalSecretsProxy } from 'n8n-core';
import { UnexpectedError, type IWorkflowBase, type IWorkflowExecuteAdditionalData, type WorkflowExecuteMode } from 'n8n-workflow';
import { Container } from './container';
import type { HarnessCredentialsHelper } from './credentialsHelper';

/** Which nodes ran, in order: what n8n-core's NodeTestHarness collects from the same hook. */
export interface ExecutionTrace {
	nodeExecutionOrder: string[];
}

/**
 * The lifecycle hooks an execution needs: n8n-core refuses to run without them. Like n8n-core's
 * NodeTestHarness we only listen to `nodeExecuteAfter`; the run's result comes from the promise
 * `processRunExecutionData` returns.
 */
export function createHooks(mode: WorkflowExecuteMode, executionId: string, workflowData: IWorkflowBase, trace: ExecutionTrace): ExecutionLifecycleHooks {
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	hooks.addHandler('nodeExecuteAfter', (nodeName) => {
		trace.nodeExecutionOrder.push(nodeName);
	});
	return hooks;
}

/** Services a node may reach for but ours must not use; reaching one is a harness bug to see at once. */
function notAvailable(what: string) {
	return async (): Promise<never> => {
		throw new UnexpectedError(`${what} is not available in the TherapyNotes n8n harness`);
	};
}

/**
 * IWorkflowExecuteAdditionalData built by hand with what n8n's `WorkflowExecuteAdditionalData.getBase`
 * (packages/cli) sets for a run: the credentials helper, hooks, URLs, variables, the external
 * secrets proxy (n8n-core's own, with no provider) and an execution id. Sub-workflows, task
 * runners and AI events are wired to fail loudly rather than mocked, since our node never uses
 * them. `currentNodeParameters` stays undefined: n8n-core then reads the node's own parameters.
 */
export function createAdditionalData(credentialsHelper: HarnessCredentialsHelper, hooks: ExecutionLifecycleHooks, executionId: string): IWorkflowExecuteAdditionalData {
	const baseUrl = 'http://localhost:5678';
	return {
		credentialsHelper,
		hooks,
		executionId,
		userId: 'harness-user',
		workflowId: hooks.workflowData.id,
		currentNodeExecutionIndex: 0,
		restartExecutionId: undefined,
		currentNodeParameters: undefined,
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: baseUrl,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		variables: {},
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		executeWorkflow: notAvailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notAvailable('startRunnerTask'),
		logAiEvent: () => undefined,
	};
}
