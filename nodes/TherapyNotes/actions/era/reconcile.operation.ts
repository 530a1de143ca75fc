import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { EraReconcileRange, EraReconciliation } from '../../../../lib/client';
import { isoDateParameter, outputChoice, wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';
import { eraIdField, eraStatusFilter, receivedDateFields, reconciliationSummary } from './fields';

const forRange = { show: { reconcileBy: ['dateRange'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Reconcile',
		name: 'reconcileBy',
		type: 'options',
		options: [
			{ name: 'One ERA', value: 'era' },
			{ name: 'ERAs Received in a Date Range', value: 'dateRange' },
		],
		default: 'era',
	},
	{ ...eraIdField, displayOptions: { show: { reconcileBy: ['era'] } } },
	...receivedDateFields(true).map((field) => ({ ...field, displayOptions: forRange })),
	{ ...eraStatusFilter, displayOptions: forRange },
	{ ...outputChoice, description: 'Summary leaves out the patient names the payer sent for claims that are not ours' },
];

export const description = updateDisplayOptions({ show: { resource: ['era'], operation: ['reconcile'] } }, properties);

function output(context: IExecuteFunctions, itemIndex: number, report: EraReconciliation): IDataObject {
	return wantsAllFields(context, itemIndex) ? ({ ...report } as unknown as IDataObject) : reconciliationSummary(report);
}

/** One item per ERA: matched claims with expected charge vs paid, unmatched claims, and every discrepancy, in cents. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		if (this.getNodeParameter('reconcileBy', itemIndex) === 'era') {
			return output(this, itemIndex, await client.eras.reconcile(String(this.getNodeParameter('eraId', itemIndex))));
		}
		const range: EraReconcileRange = {
			receivedFrom: isoDateParameter(this, 'receivedFrom', itemIndex),
			receivedTo: isoDateParameter(this, 'receivedTo', itemIndex),
			status: this.getNodeParameter('status', itemIndex, 'any') as EraReconcileRange['status'],
		};
		const result = await client.eras.reconcileRange(range);
		return result.eras.map((report) => output(this, itemIndex, report));
	});
}
