import type { INodeProperties } from 'n8n-workflow';
import * as getNoteTemplates from './getNoteTemplates.operation';
import * as healthcheck from './healthcheck.operation';
import { getClinicians, getInfo, getLocations, getPayers, getServiceCodes, getTodoList } from './lists';

export const resource = { name: 'Practice', value: 'practice' };

export const operations = { getClinicians, getInfo, getLocations, getNoteTemplates, getPayers, getServiceCodes, getTodoList, healthcheck };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['practice'] } },
		options: [
			{ name: 'Get Clinicians', value: 'getClinicians', description: 'List the practice’s clinicians (no logins or secrets)', action: 'Get clinicians' },
			{ name: 'Get Info', value: 'getInfo', description: 'Get the practice’s name, NPI, tax ID and address', action: 'Get practice info' },
			{ name: 'Get Locations', value: 'getLocations', description: 'List locations with their place of service', action: 'Get locations' },
			{ name: 'Get Note Templates', value: 'getNoteTemplates', description: 'List note templates', action: 'Get note templates' },
			{ name: 'Get Payers', value: 'getPayers', description: 'List insurance payers', action: 'Get payers' },
			{ name: 'Get Service Codes', value: 'getServiceCodes', description: 'List service codes with their fee in cents', action: 'Get service codes' },
			{ name: 'Get To-Do List', value: 'getTodoList', description: 'Get the To-Do list of the user the credential logs in as', action: 'Get the to do list' },
			{ name: 'Run Healthcheck', value: 'healthcheck', description: 'Log in and read one page of every area; reports each area’s problem instead of failing', action: 'Run a healthcheck' },
		],
		default: 'getClinicians',
	},
	...getNoteTemplates.description,
];
