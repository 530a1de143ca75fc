import type { X12Problem } from './problems';

/**
 * Result of parse835: one entry per ST*835 … SE transaction set.
 * Per-claim and per-line lists are read-only: empty ones share one frozen
 * array, which spares hundreds of thousands of allocations on a large file.
 * Claims, service lines and adjustments are read-only views over a compact
 * store that keeps the source text (see remittanceStore.ts): their fields are
 * getters, each read of `services`, `adjustments` or `patient` makes a fresh
 * list or object, and JSON.stringify (or a spread of `patient`) gives plain
 * data. Copy what you keep: the views hold the whole source text alive.
 */
export interface Remittance835 {
	transactions: RemittanceTransaction[];
}

export interface RemittanceTransaction {
	/** ST02. */
	controlNumber: string;
	segmentNumber: number;
	payment: Payment;
	payer: RemittanceParty;
	payee: RemittanceParty;
	claims: ClaimPayment[];
	providerAdjustments: ProviderAdjustment[];
	/** True when every service line, claim and the transaction total balance to the cent. */
	balanced: boolean;
	problems: X12Problem[];
}

export interface Payment {
	/** BPR01: I = payment with remittance, H = notification only, … */
	handlingCode: string;
	/** BPR02. */
	amountCents: number;
	/** BPR03: C credit or D debit. */
	creditDebit: string;
	/** BPR04: ACH, CHK, BOP, FWT or NON. */
	method: string;
	/** BPR16 as yyyy-mm-dd. */
	date: string | null;
	/** TRN02: check or EFT trace number. */
	traceNumber: string | null;
	/** TRN03: payer's originating company id. */
	originatorId: string | null;
	segmentNumber: number;
}

export interface RemittanceParty {
	/** N102. */
	name: string | null;
	/** N103, e.g. XX (NPI), FI (TIN), XV. */
	idQualifier: string | null;
	/** N104, or for the payer REF*2U when N104 is absent. */
	id: string | null;
	/** N104 when N103 = XX. */
	npi: string | null;
}

export interface Adjustment {
	/** CAS01: CO, OA, PI, PR or CR. */
	group: string;
	/** Claim adjustment reason code. */
	reason: string;
	amountCents: number;
	/** Adjusted units, when the payer sent them. */
	quantity: number | null;
}

export interface PatientName {
	lastName: string | null;
	firstName: string | null;
	/** NM109 (member id). */
	memberId: string | null;
}

export interface ClaimPayment {
	/** CLP01: the claim id we submitted (CLM01). */
	patientControlNumber: string;
	/** CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal, … */
	statusCode: string;
	chargeCents: number;
	paidCents: number;
	/** CLP05, null when absent. */
	patientResponsibilityCents: number | null;
	/** CLP06. */
	claimFilingIndicator: string | null;
	/** CLP07: payer claim control number (needed for REF*F8 on corrections). */
	payerClaimNumber: string | null;
	patient: PatientName | null;
	/** DTM*232 / DTM*233 as yyyy-mm-dd. */
	statementFrom: string | null;
	statementTo: string | null;
	adjustments: readonly Adjustment[];
	services: readonly ServicePayment[];
	segmentNumber: number;
}

export interface ServicePayment {
	/** SVC01-1, e.g. HC (CPT/HCPCS). */
	procedureQualifier: string;
	procedureCode: string;
	modifiers: readonly string[];
	chargeCents: number;
	paidCents: number;
	/** SVC04 (NUBC revenue code), institutional only. */
	revenueCode: string | null;
	/** SVC05: units paid; 1 when absent, as the guide says. */
	units: number;
	/** DTM*472, or DTM*150 when a period is given. */
	serviceDate: string | null;
	/** DTM*151 when a period is given. */
	serviceDateEnd: string | null;
	/** REF*6R: the line item control number sent on the claim. */
	lineControlNumber: string | null;
	/** AMT*B6. */
	allowedCents: number | null;
	/** LQ*HE remark codes. */
	remarkCodes: readonly string[];
	adjustments: readonly Adjustment[];
	segmentNumber: number;
}

export interface ProviderAdjustment {
	/** PLB01. */
	providerId: string;
	/** PLB02 as yyyy-mm-dd. */
	fiscalPeriodDate: string | null;
	/** First component of the adjustment identifier, e.g. WO, L6, CV. */
	reason: string;
	/** Second component, e.g. the original claim id for a WO forward balance. */
	reference: string | null;
	/** Positive amounts reduce the payment; negative ones increase it. */
	amountCents: number;
	segmentNumber: number;
}
