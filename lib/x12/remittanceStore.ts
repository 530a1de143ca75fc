import * as fields from './fields';
import * as lists from './emptyList';
import type { Procedure } from './remittanceSegments';
import { RowTable } from './rowTable';
import * as cursor from './segmentCursor';

/** Imports read once into module constants: see remittanceRows.ts for why. */
const { isoDateAt } = fields;
const { NONE } = lists;
const { elementText } = cursor;

/**
 * Where parse835 keeps claims, service lines and adjustments: one row of
 * integers per record (see RowTable), text kept as offsets into the source. A
 * large remittance then costs a few typed arrays instead of a dozen long-lived
 * objects and strings per claim; those made the garbage collector, not the
 * parsing, the bottleneck. The views in remittanceRecords.ts read the rows;
 * strings are cut when a caller reads them. Null or empty text is an empty
 * offset range. Every write goes to a table's last row: the open claim or line.
 */

/** Column offsets of a claim row (CLP and what follows it). Text columns take two: start, end. */
export const Claim = {
	patientControlNumber: 0,
	statusCode: 2,
	chargeCents: 4,
	paidCents: 5,
	patientResponsibilityCents: 6,
	claimFilingIndicator: 7,
	payerClaimNumber: 9,
	/** 1 once an NM1*QC was read. */
	hasPatient: 11,
	lastName: 12,
	firstName: 14,
	memberId: 16,
	statementFrom: 18,
	statementTo: 20,
	firstAdjustment: 22,
	adjustmentCount: 23,
	firstService: 24,
	serviceCount: 25,
	segmentNumber: 26,
	stride: 27,
} as const;

/** Column offsets of a service line row (SVC and its DTM, REF, AMT, LQ, CAS). */
export const Service = {
	chargeCents: 0,
	paidCents: 1,
	revenueCode: 2,
	units: 4,
	serviceDate: 5,
	serviceDateEnd: 7,
	lineControlNumber: 9,
	allowedCents: 11,
	/** 1 + index into `remarkCodes`, 0 for none. */
	remarkCodes: 12,
	firstAdjustment: 13,
	adjustmentCount: 14,
	segmentNumber: 15,
	stride: 16,
} as const;

/** Column offsets of one CAS reason/amount/quantity triplet. */
export const Adjust = {
	group: 0,
	reason: 2,
	amountCents: 4,
	quantity: 5,
	stride: 6,
} as const;

export class RemittanceStore {
	readonly claims = new RowTable(Claim.stride);
	readonly services = new RowTable(Service.stride);
	readonly adjustments = new RowTable(Adjust.stride);
	/** SVC01 of each service row, by row: shared objects, so a slot costs no allocation. */
	readonly procedures: Procedure[] = [];
	/** LQ*HE lists, rare enough to keep as arrays. */
	readonly remarkCodes: Array<readonly string[]> = [];

	constructor(readonly text: string) {}

	/** Element text at `column`, `column + 1` of `row` ('' when empty). */
	textOf(table: RowTable, row: number, column: number): string {
		const values = table.valuesOf(row);
		const at = table.offsetOf(row) + column;
		return elementText(this.text, values[at], values[at + 1]);
	}

	optionalTextOf(table: RowTable, row: number, column: number): string | null {
		const values = table.valuesOf(row);
		const at = table.offsetOf(row) + column;
		return values[at] === values[at + 1] ? null : elementText(this.text, values[at], values[at + 1]);
	}

	/** A CCYYMMDD that dateAt accepted while parsing, as yyyy-mm-dd. */
	dateOf(table: RowTable, row: number, column: number): string | null {
		const values = table.valuesOf(row);
		const at = table.offsetOf(row) + column;
		return values[at] === values[at + 1] ? null : isoDateAt(this.text, values[at], values[at + 1]);
	}

	/** An integer column: counts, offsets, segment numbers. */
	integerOf(table: RowTable, row: number, column: number): number {
		return table.valuesOf(row)[table.offsetOf(row) + column];
	}

	remarkCodesOf(index: number): readonly string[] {
		return index === 0 ? NONE : this.remarkCodes[index - 1];
	}
}
