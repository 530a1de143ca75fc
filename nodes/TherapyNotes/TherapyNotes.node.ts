import { NodeConnectionTypes, type IExecuteFunctions, type INodeExecutionData, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { resourceProperties, resourceProperty } from './actions/resources';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import { loadOptionsMethods } from './methods/loadOptions';

/** The action node: resource/operation pairs routed to thin operation modules (like n8n's Airtable v2). */
export class TherapyNotes implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TherapyNotes',
		name: 'therapyNotes',
		icon: { light: 'file:therapynotes.svg', dark: 'file:therapynotes.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Patients, appointments, notes, claims, ERAs, billing and portal in TherapyNotes',
		defaults: { name: 'TherapyNotes' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'therapyNotesApi', required: true }],
		properties: [
			resourceProperty,
			...resourceProperties,
		],
	};

	methods = { listSearch, loadOptions: loadOptionsMethods };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
