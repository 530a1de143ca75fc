import { build837P, ClaimBatchError, validate837P, X12ValidationError, type ClaimBatchInput } from '../../x12';
import { TherapyNotesError } from '../../session/errors';
import type { Claim, Claim837POptions, ClaimFile } from '../schemas/claims';

/**
 * A claim as claims/get answers it → the 837P (005010X222A1) a clearinghouse receives. The portal
 * holds no envelope data (submitter contact, receiver), so those default to assumed values the
 * caller can override: submitter = the billing provider by NPI, receiver = CLAIM.MD, the
 * clearinghouse TherapyNotes uses.
 */
export const DEFAULT_RECEIVER = { id: 'CLAIMMD', name: 'CLAIM.MD' } as const;
/** PER04 must be 10 digits and the portal has no practice phone: a placeholder, overridable. */
export const DEFAULT_CONTACT_PHONE = '0000000000';

/** The 837P of a claim could not be built or did not validate; names the fields, never their values. */
export class ClaimFileError extends TherapyNotesError {
	constructor(
		readonly claimId: number,
		readonly problems: string[],
	) {
		super(`The 837P of claim ${claimId} is not valid: ${problems.join('; ')}`);
	}
}

const RELATIONSHIP_CODES: Record<string, '01' | '19' | 'G8'> = { spouse: '01', child: '19', other: 'G8' };
const RESPONSIBILITY: Record<number, 'P' | 'S' | 'T'> = { 1: 'P', 2: 'S', 3: 'T' };

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
const digits = (value: string) => value.replace(/\D/g, '');

function addressOf(a: Claim['billingProvider']['address']) {
	return { line1: a.street, city: a.city, state: a.state, zip: digits(a.zip) };
}

function personOf(p: Claim['subscriber'] | Claim['patient']) {
	return { lastName: p.lastName, firstName: p.firstName, middleName: optional(p.middleName), dateOfBirth: p.dateOfBirth, gender: p.sex, address: addressOf(p.address) };
}

/** ISA13 must be 1–999,999,999: the claim id by default, so one claim's files share a number. */
export function defaultControlNumber(claimId: number): number {
	return ((claimId - 1) % 999_999_999) + 1;
}

type ClaimInput = ClaimBatchInput['claims'][number];

function claimOf(claim: Claim): ClaimInput {
	const self = claim.subscriber.relationship.toLowerCase() === 'self';
	const rendering = claim.renderingProvider;
	return {
		claimId: claim.patientControlNumber,
		subscriber: { ...personOf(claim.subscriber), memberId: claim.subscriber.memberId, groupNumber: optional(claim.subscriber.groupNumber), payerResponsibility: RESPONSIBILITY[claim.subscriber.policyPriority] ?? 'P' },
		patient: self ? undefined : { ...personOf(claim.patient), relationshipToSubscriber: RELATIONSHIP_CODES[claim.subscriber.relationship.toLowerCase()] ?? 'G8' },
		payer: { name: claim.payer.name, id: claim.payer.electronicPayerId },
		placeOfService: claim.placeOfService as ClaimInput['placeOfService'],
		frequencyCode: claim.frequency,
		payerClaimNumber: claim.frequency === '1' ? undefined : (claim.payerClaimNumber ?? undefined),
		diagnoses: claim.diagnoses,
		renderingProvider: rendering.npi ? { npi: rendering.npi, lastName: rendering.lastName, firstName: rendering.firstName } : undefined,
		serviceLines: claim.serviceLines.map((line) => ({
			procedureCode: line.serviceCode,
			modifiers: line.modifiers,
			units: line.units,
			chargeCents: line.chargeCents,
			serviceDate: line.serviceDate,
			lineControlNumber: optional(line.lineControlNumber),
			diagnosisPointers: line.diagnosisPointers.length > 0 ? line.diagnosisPointers : undefined,
		})),
	};
}

export function claimBatchOf(claim: Claim, options: Claim837POptions = {}): ClaimBatchInput {
	const controlNumber = options.interchangeControlNumber ?? defaultControlNumber(claim.id);
	const provider = claim.billingProvider;
	return {
		interchangeControlNumber: controlNumber,
		groupControlNumber: controlNumber,
		usage: options.usage ?? 'P',
		createdAt: options.createdAt,
		submitter: { name: options.submitterName ?? provider.name, id: options.submitterId ?? provider.npi, contactName: options.contactName ?? provider.name, phone: options.contactPhone ?? DEFAULT_CONTACT_PHONE },
		receiver: { name: options.receiverName ?? DEFAULT_RECEIVER.name, id: options.receiverId ?? DEFAULT_RECEIVER.id },
		billingProvider: { name: provider.name, npi: provider.npi, taxId: digits(provider.taxId), address: addressOf(provider.address) },
		claims: [claimOf(claim)],
	};
}

/** Builds and validates the claim's 837P; a claim that cannot make one comes back with its problems. */
export function buildClaimFile(claim: Claim, options: Claim837POptions = {}): ClaimFile {
	const batch = claimBatchOf(claim, options);
	const base = { claimId: claim.id, fileName: `CLAIM-${claim.id}.837`, frequency: claim.frequency, interchangeControlNumber: batch.interchangeControlNumber };
	let text: string;
	try {
		text = build837P(batch);
	} catch (error) {
		if (error instanceof ClaimBatchError) return { ...base, valid: false, problems: error.issues.map((i) => `${i.path}: ${i.message}`), text: null };
		if (error instanceof X12ValidationError) return { ...base, valid: false, problems: error.problems.map((p) => p.message), text: null };
		throw error;
	}
	// build837P validates too; checking again here keeps the promise explicit at our boundary.
	const { valid, problems } = validate837P(text);
	return { ...base, valid, problems: problems.map((p) => p.message), text: valid ? text : null };
}

export function requireValidFile(file: ClaimFile): ClaimFile & { text: string } {
	if (!file.valid || file.text === null) throw new ClaimFileError(file.claimId, file.problems);
	return { ...file, text: file.text };
}
