import type { INodeProperties } from 'n8n-workflow';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getTelehealthLink from './getTelehealthLink.operation';
import * as setStatus from './setStatus.operation';
import * as update from './update.operation';

export const resource = { name: 'Appointment', value: 'appointment' };

export const operations = { create, get, getMany, getTelehealthLink, setStatus, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['appointment'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Book an appointment (a lost answer never books twice)', action: 'Create an appointment' },
			{ name: 'Get', value: 'get', description: 'Get an appointment by ID or EncryptedID', action: 'Get an appointment' },
			{ name: 'Get Many', value: 'getMany', description: 'List appointments by date range (and clinician) or by patient', action: 'Get many appointments' },
			{ name: 'Get Telehealth Link', value: 'getTelehealthLink', description: 'Get the telehealth session link of an appointment', action: 'Get a telehealth link' },
			{ name: 'Set Status', value: 'setStatus', description: 'Mark an appointment Show, Missed, Cancelled…, optionally charging a fee', action: 'Set an appointment status' },
			{ name: 'Update', value: 'update', description: 'Change or reschedule an appointment', action: 'Update an appointment' },
		],
		default: 'getMany',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getTelehealthLink.description,
	...setStatus.description,
	...update.description,
];
