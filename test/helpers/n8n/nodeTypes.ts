import {
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	type ICredentialType,
	type ICredentialTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type ITriggerFunctions,
	type ITriggerResponse,
	type IVersionedNodeType,
} from 'n8n-workflow';
import { TherapyNotesApi } from '../../../credentials/TherapyNotesApi.credentials';
import { TherapyNotes } from '../../../nodes/TherapyNotes/TherapyNotes.node';

/** How n8n names a community package's node: `<package name>.<node name>`. */
export const THERAPY_NOTES_NODE_TYPE = 'n8n-nodes-therapynotes.therapyNotes';
export const MANUAL_TRIGGER_NODE_TYPE = 'n8n-nodes-base.manualTrigger';

/**
 * n8n-nodes-base is not installed here, so this is n8n's Manual Trigger reduced to what the engine
 * looks at: a trigger with no inputs and one main output. As in n8n, only a `manual` execution
 * calls `trigger()` (which emits one empty item); in every other mode the engine passes on the
 * items put on the execution stack, which is how a run receives its input items.
 */
export class ManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger', 'input'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		maxNodes: 1,
		defaults: { name: "When clicking 'Execute workflow'" },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	}
}

/** INodeTypes as n8n-core's own test helpers implement it: a map of type name → instance. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly types: Record<string, INodeType | IVersionedNodeType> = {
		[MANUAL_TRIGGER_NODE_TYPE]: new ManualTrigger(),
		[THERAPY_NOTES_NODE_TYPE]: new TherapyNotes(),
	};

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new UnexpectedError(`Unknown node type: ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]));
	}
}

/**
 * ICredentialTypes like n8n's CredentialTypes service (packages/cli/src/credential-types.ts), for
 * our one credential. Parent types follow `extends` the same way.
 */
export class HarnessCredentialTypes implements ICredentialTypes {
	private readonly types: Record<string, ICredentialType> = { therapyNotesApi: new TherapyNotesApi() };

	recognizes(credentialType: string): boolean {
		return credentialType in this.types;
	}

	getByName(credentialType: string): ICredentialType {
		const type = this.types[credentialType];
		if (!type) throw new UnexpectedError(`Unknown credential type: ${credentialType}`);
		return type;
	}

	getSupportedNodes(type: string): string[] {
		return type === 'therapyNotesApi' ? [THERAPY_NOTES_NODE_TYPE] : [];
	}

	getParentTypes(typeName: string): string[] {
		const parents = this.types[typeName]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}
