import { PollContext } from 'n8n-core';
import { NodeHelpers, Workflow, type IDataObject, type INodeCredentialsDetails, type INodeExecutionData, type INodeParameters, type INodeType, type INodeTypes, type IVersionedNodeType, type WorkflowExecuteMode } from 'n8n-workflow';
import { TherapyNotesTrigger } from '../../../nodes/TherapyNotesTrigger/TherapyNotesTrigger.node';
import { createAdditionalData, createHooks } from './additionalData';
import type { HarnessCredentialsHelper } from './credentialsHelper';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-therapynotes.therapyNotesTrigger';
const TRIGGER_NODE = 'TherapyNotes Trigger';

class TriggerNodeTypes implements INodeTypes {
	private readonly trigger = new TherapyNotesTrigger();

	getByName(): INodeType | IVersionedNodeType {
		return this.trigger;
	}

	getByNameAndVersion(_type: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.trigger, version);
	}

	getKnownTypes(): IDataObject {
		return { [TRIGGER_NODE_TYPE]: { className: 'TherapyNotesTrigger', sourcePath: '' } };
	}
}

/**
 * An active workflow holding our trigger, polled the way n8n's ActiveWorkflows does it: a
 * PollContext per poll, the node's static data kept on the workflow between polls. `restart()`
 * builds a new workflow from the saved static data, as n8n does after a process restart.
 */
export class PolledTrigger {
	private workflow: Workflow;
	private polls = 0;

	constructor(
		private readonly credentialsHelper: HarnessCredentialsHelper,
		private readonly parameters: INodeParameters,
		private readonly credential: INodeCredentialsDetails,
		staticData: IDataObject = {},
	) {
		this.workflow = this.build(staticData);
	}

	private build(staticData: IDataObject): Workflow {
		const node = { id: 'trigger-node', name: TRIGGER_NODE, type: TRIGGER_NODE_TYPE, typeVersion: 1, position: [0, 0] as [number, number], parameters: this.parameters, credentials: { therapyNotesApi: this.credential } };
		return new Workflow({ id: 'trigger-workflow', nodes: [node], connections: {}, active: true, nodeTypes: new TriggerNodeTypes(), staticData, settings: { timezone: 'UTC' } });
	}

	/** What n8n would save: the workflow's static data, as JSON. */
	savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	restart(): void {
		this.workflow = this.build(this.savedStaticData());
	}

	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<INodeExecutionData[] | null> {
		this.polls++;
		const workflowData = { id: this.workflow.id, name: 'trigger', nodes: Object.values(this.workflow.nodes), connections: {}, active: true, settings: {}, createdAt: new Date(), updatedAt: new Date(), isArchived: false } as never;
		const additionalData = createAdditionalData(this.credentialsHelper, createHooks(mode, `poll-${this.polls}`, workflowData, { nodeExecutionOrder: [] }), `poll-${this.polls}`);
		const node = this.workflow.getNode(TRIGGER_NODE)!;
		const context = new PollContext(this.workflow, node, additionalData, mode, 'activate');
		const result = await new TherapyNotesTrigger().poll.call(context);
		return result ? result[0] : null;
	}
}
