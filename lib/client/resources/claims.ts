import { z } from 'zod';
import { claims as wire } from '../../portal';
import { checkInput, checkOutput, InvalidInputError } from '../validation';
import {
	claim837POptionsSchema,
	claimCreateInputSchema,
	claimCreateResultSchema,
	claimFileSchema,
	claimListFiltersSchema,
	claimRefSchema,
	claimResubmitInputSchema,
	claimResubmitResultSchema,
	claimSchema,
	claimStatusReportSchema,
	claimSubmitInputSchema,
	claimSubmitResultSchema,
	claimSummarySchema,
	type Claim,
	type Claim837POptions,
	type ClaimCreateInput,
	type ClaimCreateResult,
	type ClaimFile,
	type ClaimListFilters,
	type ClaimResubmitInput,
	type ClaimResubmitResult,
	type ClaimStatusReport,
	type ClaimSubmitResult,
	type ClaimSummary,
} from '../schemas/claims';
import { buildClaimFile, requireValidFile } from './claims837P';
import { collectPages } from './claimsPages';
import { outcomeUnknown, recoverCreate, recoverResubmit, recoverSubmit, sendCreate } from './claimsRecovery';
import type { Requester } from './patients';

export interface Claim837PRequest {
	/** Envelope of the 837P (submitter, receiver, control number…); see claim837POptionsSchema. */
	x12?: Claim837POptions;
}

/** Claims: create from a billed appointment (with its 837P), submit, follow, correct. */
export class ClaimsResource {
	constructor(protected readonly session: Requester) {}

	/**
	 * Creates the appointment's claim and returns it with its 837P. Safe to repeat: a second create
	 * returns the existing claim (`alreadyExisted`); a lost answer is looked up before anything else.
	 */
	async create(input: ClaimCreateInput, options: Claim837PRequest = {}): Promise<ClaimCreateResult> {
		const { appointmentId, patientId } = checkInput(claimCreateInputSchema, input, 'claim');
		const envelope = checkInput(claim837POptionsSchema, options.x12 ?? {}, 'x12');
		let ref;
		try {
			ref = await sendCreate(this.session, appointmentId, patientId);
		} catch (error) {
			if (!outcomeUnknown(error)) throw error;
			ref = await recoverCreate(this.session, error, appointmentId, patientId);
		}
		const claim = await this.fetch(ref.id);
		return checkOutput(claimCreateResultSchema, { claim, alreadyExisted: ref.alreadyExisted, recovered: ref.recovered, x12: buildClaimFile(claim, envelope) }, 'claims/create');
	}

	async get(ref: number | string): Promise<Claim> {
		return this.fetch(checkInput(claimRefSchema, ref, 'claimId'));
	}

	/** Status, rejection codes and amounts, without patient data. */
	async getStatus(ref: number | string): Promise<ClaimStatusReport> {
		return checkOutput(claimStatusReportSchema, await this.get(ref), 'claims/get');
	}

	/** The claim's 837P, built from its current detail; a claim that cannot make a valid one fails, naming the fields. */
	async get837P(ref: number | string, options: Claim837PRequest = {}): Promise<ClaimFile & { text: string }> {
		const id = checkInput(claimRefSchema, ref, 'claimId');
		const envelope = checkInput(claim837POptionsSchema, options.x12 ?? {}, 'x12');
		return requireValidFile(checkOutput(claimFileSchema, buildClaimFile(await this.fetch(id), envelope), 'claims/get'));
	}

	/** Filtered by status, patient, payer and date of service; newest date of service first. */
	async list(filters: ClaimListFilters = {}): Promise<ClaimSummary[]> {
		const { limit, status, ...rest } = checkInput(claimListFiltersSchema, filters, 'filters');
		const wireFilters = { ...rest, status: status === undefined ? undefined : wire.wireStatusOf(status) };
		const rows = await collectPages((page) => this.session.request(wire.searchClaims(wireFilters, page)), limit);
		return checkOutput(z.array(claimSummarySchema), rows, 'claims/search');
	}

	/** Sends claims to the clearinghouse, all or none. A lost answer is checked before any resend. */
	async submit(refs: (number | string)[]): Promise<ClaimSubmitResult> {
		const ids = [...new Set(checkInput(claimSubmitInputSchema, refs, 'claimIds'))];
		let result;
		try {
			result = { claims: await this.session.request(wire.submitClaims(ids)), recovered: false };
		} catch (error) {
			if (!outcomeUnknown(error)) throw error;
			result = await recoverSubmit(this.session, error, ids);
		}
		return checkOutput(claimSubmitResultSchema, result, 'claims/submit');
	}

	/**
	 * Resubmits a rejected or adjudicated claim: as is (1), as a replacement (7) or a void (8) quoting
	 * the payer's claim number. The corrected 837P is built and validated before anything is sent.
	 */
	async resubmit(input: ClaimResubmitInput, options: Claim837PRequest = {}): Promise<ClaimResubmitResult> {
		const request = checkInput(claimResubmitInputSchema, input, 'resubmission');
		const envelope = checkInput(claim837POptionsSchema, options.x12 ?? {}, 'x12');
		const before = await this.fetch(request.claimId);
		const change: wire.Resubmission = { frequency: request.frequency, payerClaimNumber: request.payerClaimNumber, ...request.correction };
		requireValidFile(buildClaimFile(corrected(before, change), envelope));
		let recovered = false;
		try {
			await this.session.request(wire.resubmitClaim(before.id, change));
		} catch (error) {
			if (!outcomeUnknown(error)) throw error;
			recovered = await recoverResubmit(this.session, error, before, change);
		}
		const claim = await this.fetch(before.id);
		return checkOutput(claimResubmitResultSchema, { claim, recovered, x12: buildClaimFile(claim, envelope) }, 'claims/resubmit');
	}

	private async fetch(ref: number | string): Promise<Claim> {
		return checkOutput(claimSchema, await this.session.request(wire.getClaim(ref)), 'claims/get');
	}
}

/** The claim as it will be once the portal applies the resubmission, to validate it first. */
function corrected(claim: Claim, change: wire.Resubmission): Claim {
	const payerClaimNumber = change.payerClaimNumber ?? claim.payerClaimNumber;
	if (change.frequency !== '1' && !payerClaimNumber) {
		throw new InvalidInputError('payerClaimNumber', `is required for a replacement (7) or void (8), and claim ${claim.id} has none on file`);
	}
	const lineChange = change.chargeCents !== undefined || change.units !== undefined;
	if (lineChange && claim.serviceLines.length !== 1) {
		throw new InvalidInputError('correction', `changes the charge and units of a one-line claim; claim ${claim.id} has ${claim.serviceLines.length} lines`);
	}
	const serviceLines = claim.serviceLines.map((line) => ({ ...line, chargeCents: change.chargeCents ?? line.chargeCents, units: change.units ?? line.units }));
	return { ...claim, frequency: change.frequency, payerClaimNumber, chargeCents: change.chargeCents ?? claim.chargeCents, serviceLines };
}
