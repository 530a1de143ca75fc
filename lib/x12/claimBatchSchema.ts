import { z } from 'zod';
import { checkClaim, NPI_MESSAGE } from './claimChecks';
import { isValidNpi } from './npi';

/**
 * Input of build837P. Everything a claim needs is checked here so that a bad
 * field is reported by its path (claims[0].serviceLines[1].chargeCents)
 * rather than as a broken segment later.
 *
 * Field rules are plain checks (regex, length); rules that need code run in
 * one refinement per claim (claimChecks.ts): a zod refine or transform per
 * field cost more than everything else in building 1,000 claims.
 */

/**
 * The builder writes * : ^ ~ as delimiters; any of them (or a line break) inside
 * data would split it. A regex check (not a refine) keeps zod on its fast path.
 */
const NO_DELIMITER_OR_BREAK = /^[^*:^~\r\n]*$/;

const text = (max: number) =>
	z
		.string()
		.trim()
		.min(1)
		.max(max)
		.regex(NO_DELIMITER_OR_BREAK, 'must not contain an X12 delimiter (* : ^ ~) or a line break');

/** Ten digits here; the check digit is verified by checkClaim (and below for the billing provider). */
const npiDigits = z.string().regex(/^\d{10}$/, NPI_MESSAGE);

/** Shape only; checkClaim rejects days a month does not have (2024-02-30). */
const isoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be yyyy-mm-dd');

const state = z.string().regex(/^[A-Z]{2}$/, 'must be a 2-letter state code');

export const AddressSchema = z.object({
	line1: text(55),
	line2: text(55).optional(),
	city: text(30),
	state,
	zip: z.string().regex(/^\d{5}(\d{4})?$/, 'must be 5 or 9 digits'),
});

/** The billing provider's ZIP must carry all 9 digits (5010 rule for loop 2010AA). */
const BillingAddressSchema = AddressSchema.extend({
	zip: z.string().regex(/^\d{9}$/, 'must be 9 digits (ZIP+4) for the billing provider'),
});

const gender = z.enum(['M', 'F', 'U']);

const PersonSchema = z.object({
	lastName: text(60),
	firstName: text(35),
	middleName: text(25).optional(),
	dateOfBirth: isoDate,
	gender,
	address: AddressSchema,
});

export const SubscriberSchema = PersonSchema.extend({
	memberId: text(80),
	groupNumber: text(50).optional(),
	/** SBR01: payer responsibility sequence. */
	payerResponsibility: z.enum(['P', 'S', 'T']).default('P'),
	/** SBR09: CI commercial, MB Medicare B, MC Medicaid, BL Blue Cross, HM HMO, … */
	claimFilingIndicator: z.string().regex(/^[0-9A-Z]{2}$/).default('CI'),
});

/** Only when the patient is not the subscriber; PAT01 codes from the 5010 guide. */
export const PatientSchema = PersonSchema.extend({
	relationshipToSubscriber: z.enum(['01', '19', '20', '21', '39', '40', '53', 'G8']),
});

export const PayerSchema = z.object({ name: text(60), id: text(80) });

const RenderingProviderSchema = z.object({
	npi: npiDigits,
	lastName: text(60),
	firstName: text(35),
	taxonomyCode: z.string().regex(/^[0-9A-Z]{9}X$/).optional(),
});

/** ICD-10-CM code, dot optional; the builder writes it upper-case without the dot. */
const icd10 = z.string().regex(/^[A-Za-z][0-9][0-9A-Za-z](\.?[0-9A-Za-z]{1,4})?$/, 'must be an ICD-10-CM code such as F41.1');

export const ServiceLineSchema = z.object({
	procedureCode: z.string().regex(/^[A-Z0-9]{5}$/, 'must be a 5-character CPT/HCPCS code'),
	modifiers: z.array(z.string().regex(/^[A-Z0-9]{2}$/, 'must be a 2-character modifier')).max(4).default([]),
	units: z.number().int().positive().max(9999),
	chargeCents: z.number().int().nonnegative().max(99_999_999_99),
	serviceDate: isoDate,
	lineControlNumber: text(50).optional(),
	/** 1-based positions in the claim's diagnoses. */
	diagnosisPointers: z.array(z.number().int().min(1).max(12)).min(1).max(4).default([1]),
});

const ClaimFieldsSchema = z.object({
		claimId: text(20),
		subscriber: SubscriberSchema,
		patient: PatientSchema.optional(),
		payer: PayerSchema,
		/** 02 telehealth other than home, 10 telehealth in the patient's home, 11 office. */
		placeOfService: z.enum(['02', '10', '11']),
		/** 1 original, 7 replacement, 8 void. */
		frequencyCode: z.enum(['1', '7', '8']).default('1'),
		payerClaimNumber: text(50).optional(),
		priorAuthorization: text(50).optional(),
		diagnoses: z.array(icd10).min(1).max(12),
		renderingProvider: RenderingProviderSchema.optional(),
		serviceLines: z.array(ServiceLineSchema).min(1).max(50),
});

export type ClaimFields = z.output<typeof ClaimFieldsSchema>;

export const ClaimSchema = ClaimFieldsSchema.superRefine(checkClaim);

export const BillingProviderSchema = z.object({
	/** Organization name, or last name when firstName is given. */
	name: text(60),
	firstName: text(35).optional(),
	npi: npiDigits.refine(isValidNpi, NPI_MESSAGE),
	taxId: z.string().regex(/^\d{9}$/, 'must be 9 digits'),
	taxIdType: z.enum(['EIN', 'SSN']).default('EIN'),
	taxonomyCode: z.string().regex(/^[0-9A-Z]{9}X$/).optional(),
	address: BillingAddressSchema,
});

/** ISA06/ISA08 are 15 characters wide, so these ids are capped there. */
const interchangeId = text(15);

export const ClaimBatchSchema = z.object({
	interchangeControlNumber: z.number().int().min(1).max(999_999_999),
	groupControlNumber: z.number().int().min(1).max(999_999_999),
	transactionControlNumber: z.string().regex(/^\d{4,9}$/).default('0001'),
	usage: z.enum(['P', 'T']).default('P'),
	/** Written to ISA09/10, GS04/05 and BHT04/05 in UTC; defaults to now. */
	createdAt: z
		.union([z.date(), z.string().datetime({ offset: true })])
		.transform((value) => new Date(value))
		.optional(),
	submitter: z.object({
		name: text(60),
		id: interchangeId,
		contactName: text(60),
		phone: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
	}),
	receiver: z.object({ name: text(60), id: interchangeId }),
	billingProvider: BillingProviderSchema,
	claims: z.array(ClaimSchema).min(1),
});

export type ClaimBatchInput = z.input<typeof ClaimBatchSchema>;
export type ClaimBatch = z.output<typeof ClaimBatchSchema>;
export type Claim = z.output<typeof ClaimSchema>;
export type ServiceLine = z.output<typeof ServiceLineSchema>;
export type Subscriber = z.output<typeof SubscriberSchema>;
export type Patient = z.output<typeof PatientSchema>;
export type Address = z.output<typeof AddressSchema>;
export type BillingProvider = z.output<typeof BillingProviderSchema>;

/** Thrown by build837P; `message` lists each failing field by path. */
export class ClaimBatchError extends Error {
	constructor(readonly issues: { path: string; message: string }[]) {
		super(`Invalid claim batch: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
		this.name = 'ClaimBatchError';
	}
}

/** Renders a zod path as code would write it: claims[0].serviceLines[1].chargeCents. */
export function formatPath(path: (string | number)[]): string {
	return path.reduce<string>(
		(out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? key : `${out}.${key}`),
		'',
	);
}

export function parseClaimBatch(input: unknown): ClaimBatch {
	const result = ClaimBatchSchema.safeParse(input);
	if (result.success) return result.data;
	throw new ClaimBatchError(result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })));
}
