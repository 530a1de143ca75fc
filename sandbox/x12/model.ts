/**
 * The sandbox's own picture of an 835 (005010X221A1): just what a payer's remittance carries and
 * what the portal shows. Money is integer cents, dates ISO. The writer renders it; the reader
 * fills it back in from text.
 */

export interface Adjustment {
	/** CAS01 group: CO contractual, PR patient responsibility, OA other, PI payer initiated. */
	group: string;
	/** CAS02 claim adjustment reason code, e.g. "45". */
	reason: string;
	amountCents: number;
}

export interface ServiceLinePayment {
	/** SVC01-2 procedure code (qualifier HC). */
	code: string;
	modifiers: string[];
	chargeCents: number;
	paidCents: number;
	units: number;
	/** DTM*472, ISO date. */
	serviceDate: string | null;
	adjustments: Adjustment[];
	/** REF*6R: the line item control number the 837 sent. */
	controlNumber: string | null;
}

export interface ClaimPayment {
	/** CLP01: the practice's claim id (the 837's CLM01). */
	patientControlNumber: string;
	/** CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal, … */
	statusCode: string;
	chargeCents: number;
	paidCents: number;
	patientResponsibilityCents: number;
	/** CLP06 claim filing indicator, e.g. CI commercial, MC Medicaid. */
	filingIndicator: string;
	/** CLP07: the payer's claim control number. */
	payerClaimNumber: string | null;
	/** CLP08: for professional claims, the place of service sent on the claim. */
	facilityCode: string | null;
	/** CLP09: the claim frequency sent on the claim (1 original, 7 replacement, 8 void). */
	frequency: string | null;
	patient: { lastName: string; firstName: string; memberId: string };
	/** Claim-level CAS (before NM1*QC). */
	adjustments: Adjustment[];
	lines: ServiceLinePayment[];
}

export interface PartyAddress {
	street: string;
	city: string;
	state: string;
	zip: string;
}

export interface Remittance {
	/** TRN02: the check or EFT trace number; two 835s with the same one are the same payment. */
	traceNumber: string;
	/** TRN03: "1" + the payer's EIN. */
	originatorId: string;
	/** BPR02. */
	paymentCents: number;
	/** BPR16, ISO date. */
	paymentDate: string;
	payer: { name: string; electronicId: string | null; address: PartyAddress | null; contactPhone: string | null };
	payee: { name: string; npi: string; taxId: string | null; address: PartyAddress | null };
	claims: ClaimPayment[];
	/** PLB amounts (positive = the payer withholds), which BPR02 already reflects. */
	providerAdjustmentCents: number[];
}

export interface Interchange {
	senderId: string;
	receiverId: string;
	/** ISA13 / GS06, at most nine digits. */
	controlNumber: number;
	/** ISO date-time "YYYY-MM-DDTHH:mm". */
	createdAt: string;
	usage: 'T' | 'P';
	remittances: Remittance[];
}

export class X12FormatError extends Error {}
