import { z } from 'zod';
import type { ClaimFields } from './claimBatchSchema';
import { isValidNpi } from './npi';

export const NPI_MESSAGE = 'must be a 10-digit NPI with a valid check digit';

type Path = (string | number)[];

/**
 * The claim rules that need code rather than a pattern, run once per claim
 * (the schema's only refinement below the batch). Issues carry the field path.
 */
export function checkClaim(claim: ClaimFields, ctx: z.RefinementCtx): void {
	const issue = (path: Path, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
	if (claim.frequencyCode !== '1' && claim.payerClaimNumber === undefined) {
		issue(['payerClaimNumber'], `is required when frequencyCode is ${claim.frequencyCode} (REF*F8)`);
	}
	if (claim.renderingProvider && !isValidNpi(claim.renderingProvider.npi)) issue(['renderingProvider', 'npi'], NPI_MESSAGE);
	const dates: [Path, string][] = [[['subscriber', 'dateOfBirth'], claim.subscriber.dateOfBirth]];
	if (claim.patient) dates.push([['patient', 'dateOfBirth'], claim.patient.dateOfBirth]);
	claim.serviceLines.forEach((line, index) => {
		dates.push([['serviceLines', index, 'serviceDate'], line.serviceDate]);
		line.diagnosisPointers.forEach((pointer, position) => {
			if (pointer > claim.diagnoses.length) {
				issue(['serviceLines', index, 'diagnosisPointers', position], `points at diagnosis ${pointer} but the claim has ${claim.diagnoses.length}`);
			}
		});
	});
	for (const [path, date] of dates) {
		if (!isCalendarDate(date)) issue(path, 'is not a calendar date');
	}
}

/** yyyy-mm-dd whose day exists in its month; shape is already checked by the schema. */
export function isCalendarDate(value: string): boolean {
	const year = Number(value.slice(0, 4));
	const month = Number(value.slice(5, 7));
	const day = Number(value.slice(8, 10));
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
	return day >= 1 && day <= days;
}
