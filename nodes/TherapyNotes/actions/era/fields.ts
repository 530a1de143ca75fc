import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { EraDetail, EraReconciliation, EraTransaction } from '../../../../lib/client';
import { isoDateParameter } from '../common';
import { idField } from '../claim/fields';

export const eraIdField = idField('ERA ID', 'eraId', 'ERA');

export const eraStatusFilter: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: [
		{ name: 'Any', value: 'any' },
		{ name: 'Processed', value: 'processed' },
		{ name: 'Unprocessed', value: 'unprocessed' },
	],
	default: 'any',
};

export function receivedDateFields(required: boolean): INodeProperties[] {
	return [
		{ displayName: 'Received From', name: 'receivedFrom', type: 'dateTime', default: '', required, description: 'First day the ERAs were received (inclusive)' },
		{ displayName: 'Received To', name: 'receivedTo', type: 'dateTime', default: '', required, description: 'Last day the ERAs were received (inclusive)' },
	];
}

/** An optional day parameter: empty stays undefined, anything else goes to the client to judge. */
export function optionalDay(context: IExecuteFunctions, name: string, itemIndex: number): string | undefined {
	const day = isoDateParameter(context, name, itemIndex);
	return day === '' ? undefined : day;
}

/** A record without the patient block the payer sent (names, member ID). */
function withoutPatient<T extends { patient: unknown }>(record: T): IDataObject {
	const copy: Partial<T> = { ...record };
	delete copy.patient;
	return copy as unknown as IDataObject;
}

/** A transaction without patient names or member IDs: ids, amounts, codes and dates. */
function transactionSummary(t: EraTransaction): IDataObject {
	return { ...t, claims: t.claims.map(withoutPatient) } as unknown as IDataObject;
}

export function detailSummary(detail: EraDetail): IDataObject {
	return { ...detail, transactions: detail.transactions.map(transactionSummary) } as unknown as IDataObject;
}

/** Unmatched claims carry the payer's patient name (to find whose they are): kept for All Fields only. */
export function reconciliationSummary(report: EraReconciliation): IDataObject {
	return { ...report, unmatched: report.unmatched.map(withoutPatient) } as unknown as IDataObject;
}
