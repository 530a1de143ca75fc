import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { InsurancePolicy } from '../../../../lib/client';
import { wantsAllFields } from '../common';

/** Minimum necessary: which payer covers what and when, without member or group numbers. */
function policySummary(policy: InsurancePolicy): IDataObject {
	const { id, patientId, priority, payerId, copayCents, startDate, endDate } = policy;
	return { id, patientId, priority, payerId, copayCents, startDate, endDate };
}

export function policyOutput(context: IExecuteFunctions, itemIndex: number, policy: InsurancePolicy): IDataObject {
	return wantsAllFields(context, itemIndex) ? { ...policy } : policySummary(policy);
}
