import type { INodeProperties } from 'n8n-workflow';
import * as addAddendum from './addAddendum.operation';
import * as approve from './approve.operation';
import * as attachFile from './attachFile.operation';
import * as create from './create.operation';
import * as deleteNote from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as sign from './sign.operation';
import * as submitForApproval from './submitForApproval.operation';
import * as update from './update.operation';

export const resource = { name: 'Note', value: 'note' };

export const operations = { addAddendum, approve, attachFile, create, delete: deleteNote, get, getMany, sign, submitForApproval, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['note'] } },
		options: [
			{ name: 'Add Addendum', value: 'addAddendum', description: 'Add an addendum to a signed note, which stays unchanged', action: 'Add an addendum to a note' },
			{ name: 'Approve as Supervisor', value: 'approve', description: 'Approve and co-sign a note awaiting your approval', action: 'Approve a note as supervisor' },
			{ name: 'Attach File', value: 'attachFile', description: 'Attach a binary file (at most 10 MB) to a note', action: 'Attach a file to a note' },
			{ name: 'Create', value: 'create', description: 'Create a draft progress note for an appointment', action: 'Create a draft progress note' },
			{ name: 'Delete', value: 'delete', description: 'Delete an unsigned draft note', action: 'Delete a draft note' },
			{ name: 'Get', value: 'get', description: 'Get a note with its lock, signature and supervision state', action: 'Get a note' },
			{ name: 'Get Many', value: 'getMany', description: 'List notes by patient, appointment or status', action: 'Get many notes' },
			{ name: 'Sign', value: 'sign', description: 'Sign and lock a note (a supervised clinician’s note then awaits the supervisor)', action: 'Sign a note' },
			{ name: 'Submit for Approval', value: 'submitForApproval', description: 'Send a supervised clinician’s draft to the supervisor', action: 'Submit a note for approval' },
			{ name: 'Update', value: 'update', description: 'Change fields of a draft note (signed notes are never changed)', action: 'Update a draft note' },
		],
		default: 'get',
	},
	...addAddendum.description,
	...approve.description,
	...attachFile.description,
	...create.description,
	...deleteNote.description,
	...get.description,
	...getMany.description,
	...sign.description,
	...submitForApproval.description,
	...update.description,
];
