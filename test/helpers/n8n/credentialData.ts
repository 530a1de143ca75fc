import { getAdditionalKeys } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type IExecuteData,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { HarnessNodeTypes, MANUAL_TRIGGER_NODE_TYPE } from './nodeTypes';

/**
 * What n8n's CredentialsHelper.applyDefaultsAndOverwrites does to stored data before a node sees
 * it (packages/cli/src/credentials-helper.ts), minus the parts that are no-ops for us: there are
 * no credential overwrites configured, no OAuth pinned or DCR fields and no JSON-leaf properties
 * in our credential type. What matters and is kept: defaults of the credential's properties are
 * filled in (so a stored credential without `session` reads `session: ''`, which is what makes
 * n8n call `preAuthentication`), fields hidden by displayOptions are dropped, and expressions
 * in the stored values are resolved.
 */
export async function applyDefaults(
	properties: INodeProperties[],
	stored: ICredentialDataDecryptedObject,
	additionalData: IWorkflowExecuteAdditionalData,
	mode: WorkflowExecuteMode,
	executeData?: IExecuteData,
	expressionResolveValues?: ICredentialsExpressionResolveValues,
): Promise<ICredentialDataDecryptedObject> {
	const withDefaults = NodeHelpers.getNodeParameters(properties, { ...stored } as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
	// n8n adds these back because they are not declared as properties of most credential types.
	for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
		if (withDefaults[key] === undefined && stored[key] !== undefined) withDefaults[key] = stored[key];
	}
	const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
	if (expressionResolveValues) return resolveInExecution(withDefaults, expressionResolveValues, mode, additionalKeys, executeData);
	return await resolveOutsideExecution(withDefaults, mode, additionalKeys);
}

type AdditionalKeys = ReturnType<typeof getAdditionalKeys>;

/** Inside a node execution n8n resolves credential expressions against the running workflow. */
function resolveInExecution(
	data: ICredentialDataDecryptedObject,
	values: ICredentialsExpressionResolveValues,
	mode: WorkflowExecuteMode,
	additionalKeys: AdditionalKeys,
	executeData?: IExecuteData,
): ICredentialDataDecryptedObject {
	try {
		return values.workflow.expression.getParameterValue(
			data as INodeParameters,
			values.runExecutionData,
			values.runIndex,
			values.itemIndex,
			values.node.name,
			values.connectionInputData,
			mode,
			additionalKeys,
			executeData,
			false,
			data,
		) as ICredentialDataDecryptedObject;
	} catch (error) {
		(error as Error).message += ' [Error resolving credentials]';
		throw error;
	}
}

/** Elsewhere (credential tests, load options) n8n resolves them against a one-node mock workflow. */
async function resolveOutsideExecution(data: ICredentialDataDecryptedObject, mode: WorkflowExecuteMode, additionalKeys: AdditionalKeys): Promise<ICredentialDataDecryptedObject> {
	const mockNode: INode = { id: 'mock', name: '', typeVersion: 1, type: MANUAL_TRIGGER_NODE_TYPE, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [mockNode], connections: {}, active: false, nodeTypes: new HarnessNodeTypes() });
	return await workflow.expression.withIsolate(
		async () => workflow.expression.getComplexParameterValue(mockNode, data as INodeParameters, mode, additionalKeys, undefined, undefined, data) as ICredentialDataDecryptedObject,
	);
}
