import type { INodeProperties } from 'n8n-workflow';
import * as acknowledgeDocument from './acknowledgeDocument.operation';
import * as assignTemplate from './assignTemplate.operation';
import * as getDocuments from './getDocuments.operation';
import * as getTemplates from './getTemplates.operation';
import * as sendInvite from './sendInvite.operation';

export const resource = { name: 'Portal', value: 'portal' };

export const operations = { acknowledgeDocument, assignTemplate, getDocuments, getTemplates, sendInvite };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['portal'] } },
		options: [
			{ name: 'Acknowledge Document', value: 'acknowledgeDocument', description: 'Acknowledge a form or document the client completed', action: 'Acknowledge a portal document' },
			{ name: 'Assign Template', value: 'assignTemplate', description: 'Share a form, consent or document with the patient', action: 'Assign a portal template' },
			{ name: 'Get Documents', value: 'getDocuments', description: 'List the patient’s portal documents and their statuses', action: 'Get portal documents' },
			{ name: 'Get Templates', value: 'getTemplates', description: 'List the templates that can be assigned', action: 'Get portal templates' },
			{ name: 'Send Invite', value: 'sendInvite', description: 'Send the TherapyPortal welcome email', action: 'Send a portal invite' },
		],
		default: 'getDocuments',
	},
	...acknowledgeDocument.description,
	...assignTemplate.description,
	...getDocuments.description,
	...getTemplates.description,
	...sendInvite.description,
];
