import type { INodeProperties } from 'n8n-workflow';
import * as getBalance from './getBalance.operation';
import * as getOverdueSessions from './getOverdueSessions.operation';
import * as getPayments from './getPayments.operation';
import * as getUnpaidSessions from './getUnpaidSessions.operation';
import * as postPayment from './postPayment.operation';

export const resource = { name: 'Billing', value: 'billing' };

export const operations = { getBalance, getOverdueSessions, getPayments, getUnpaidSessions, postPayment };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['billing'] } },
		options: [
			{ name: 'Get Balance', value: 'getBalance', description: 'Get a patient’s balance and aging buckets in cents', action: 'Get a patient balance' },
			{ name: 'Get Overdue Sessions', value: 'getOverdueSessions', description: 'List every patient’s unpaid sessions older than a number of days', action: 'Get overdue sessions' },
			{ name: 'Get Payments', value: 'getPayments', description: 'List a patient’s payments, or find payments by reference', action: 'Get payments' },
			{ name: 'Get Unpaid Sessions', value: 'getUnpaidSessions', description: 'List a patient’s sessions and fees with an amount owed', action: 'Get unpaid sessions' },
			{ name: 'Post Payment', value: 'postPayment', description: 'Record a patient payment, never twice for the same reference', action: 'Post a payment' },
		],
		default: 'getBalance',
	},
	...getBalance.description,
	...getOverdueSessions.description,
	...getPayments.description,
	...getUnpaidSessions.description,
	...postPayment.description,
];
