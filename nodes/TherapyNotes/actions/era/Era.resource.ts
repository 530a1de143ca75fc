import type { INodeProperties } from 'n8n-workflow';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getDetail from './getDetail.operation';
import * as getMany from './getMany.operation';
import * as markProcessed from './markProcessed.operation';
import * as reconcile from './reconcile.operation';

export const resource = { name: 'ERA', value: 'era' };

export const operations = { download, get, getDetail, getMany, markProcessed, reconcile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['era'] } },
		options: [
			{ name: 'Download', value: 'download', description: 'Download the 835 file of an ERA as binary data', action: 'Download the 835 file of an ERA' },
			{ name: 'Get', value: 'get', description: 'Get an ERA’s payer, trace number, dates, amount and status', action: 'Get an ERA' },
			{ name: 'Get Detail', value: 'getDetail', description: 'Get the ERA’s 835 parsed: claims, lines, adjustments, balance', action: 'Get the detail of an ERA' },
			{ name: 'Get Many', value: 'getMany', description: 'List ERAs by received date and status', action: 'Get many ERA records' },
			{ name: 'Mark Processed', value: 'markProcessed', description: 'Mark an ERA processed, posting its payments to the claims', action: 'Mark an ERA as processed' },
			{ name: 'Reconcile', value: 'reconcile', description: 'Match an ERA’s claim payments to the practice’s claims and report differences', action: 'Reconcile an ERA with claims' },
		],
		default: 'get',
	},
	...download.description,
	...get.description,
	...getDetail.description,
	...getMany.description,
	...markProcessed.description,
	...reconcile.description,
];
