import { z } from 'zod';
import { claims as claimWire, eras as wire } from '../../portal';
import { PortalHttpError, PortalRefusalError } from '../../session/errors';
import type { PortalCall } from '../../session/protocol';
import { checkInput, checkOutput } from '../validation';
import { claimSchema, type Claim } from '../schemas/claims';
import {
	eraDetailSchema,
	eraFileSchema,
	eraListFiltersSchema,
	eraMarkProcessedResultSchema,
	eraRangeReconciliationSchema,
	eraReconcileRangeSchema,
	eraReconciliationSchema,
	eraRefSchema,
	eraSummarySchema,
	type EraDetail,
	type EraFile,
	type EraListFilters,
	type EraMarkProcessedResult,
	type EraRangeReconciliation,
	type EraReconcileRange,
	type EraReconciliation,
	type EraSummary,
} from '../schemas/eras';
import { collectPages } from './claimsPages';
import { eraDetailOf } from './erasDetail';
import { reconcileEra, sumTotals } from './reconcile';
import type { Requester } from './patients';

type Ref = number | string;

/** ERAs: list, read (facts, parsed 835, raw file), mark processed, reconcile against our claims. */
export class ErasResource {
	constructor(protected readonly session: Requester) {}

	/** By received date and status, newest first; `limit` stops paging early. */
	async list(filters: EraListFilters = {}): Promise<EraSummary[]> {
		const { limit, ...rest } = checkInput(eraListFiltersSchema, filters, 'filters');
		const rows = await collectPages((page) => this.session.request(wire.searchEras(rest, page)), limit);
		return checkOutput(z.array(eraSummarySchema), rows, 'eras/search');
	}

	/** Payer, trace/check number, dates, amount, claim count and status, as the ERA page shows them. */
	async get(ref: Ref): Promise<EraSummary> {
		const id = checkInput(eraRefSchema, ref, 'eraId');
		return checkOutput(eraSummarySchema, await this.page(wire.viewEra(id)), 'eras/view');
	}

	/** The downloaded 835, parsed: claims, lines, adjustments, provider adjustments, balance. */
	async getDetail(ref: Ref): Promise<EraDetail> {
		const era = await this.get(ref);
		return this.detailOf(era);
	}

	/** The 835 exactly as the portal serves it. */
	async download(ref: Ref): Promise<EraFile> {
		const id = checkInput(eraRefSchema, ref, 'eraId');
		const text = await this.page(wire.downloadEra(id));
		return checkOutput(eraFileSchema, { eraId: id, fileName: `ERA-${id}.835`, mimeType: 'application/edi-x12', text }, 'eras/download');
	}

	/** Idempotent: marking twice answers `alreadyProcessed`. Posting moves the ERA's claims to Paid/Denied. */
	async markProcessed(ref: Ref): Promise<EraMarkProcessedResult> {
		const id = checkInput(eraRefSchema, ref, 'eraId');
		return checkOutput(eraMarkProcessedResultSchema, await this.session.request(wire.markEraProcessed(id)), 'eras/markprocessed');
	}

	/** Matches each claim payment of the ERA to our claim (CLP01 = the claim's patient control number). */
	async reconcile(ref: Ref): Promise<EraReconciliation> {
		const detail = await this.getDetail(ref);
		return checkOutput(eraReconciliationSchema, reconcileEra(detail, await this.claimsOf(detail)), 'eras/reconcile');
	}

	/** Every ERA received in the range (both ends required), each reconciled, with grand totals. */
	async reconcileRange(range: EraReconcileRange): Promise<EraRangeReconciliation> {
		const { receivedFrom, receivedTo, status, limit } = checkInput(eraReconcileRangeSchema, range, 'range');
		const rows = checkOutput(z.array(eraSummarySchema), await collectPages((page) => this.session.request(wire.searchEras({ receivedFrom, receivedTo, status }, page)), limit), 'eras/search');
		const eras: EraReconciliation[] = [];
		for (const era of rows) {
			const detail = await this.detailOf(era);
			eras.push(reconcileEra(detail, await this.claimsOf(detail)));
		}
		return checkOutput(eraRangeReconciliationSchema, { eras, totals: sumTotals(eras.map((e) => e.totals)) }, 'eras/reconcile');
	}

	private async detailOf(era: EraSummary): Promise<EraDetail> {
		const text = await this.page(wire.downloadEra(era.id));
		return checkOutput(eraDetailSchema, eraDetailOf(era, text), 'eras/download');
	}

	/** Our claim for each CLP01 of the ERA, or null when the number is not one of our claims. */
	private async claimsOf(detail: EraDetail): Promise<Map<string, Claim | null>> {
		const numbers = new Set(detail.transactions.flatMap((t) => t.claims.map((c) => c.patientControlNumber)));
		const claims = new Map<string, Claim | null>();
		for (const number of numbers) claims.set(number, await this.ourClaim(number));
		return claims;
	}

	private async ourClaim(patientControlNumber: string): Promise<Claim | null> {
		// The portal writes its numeric claim id as the patient control number (CLM01 → CLP01).
		if (!/^\d{1,12}$/.test(patientControlNumber)) return null;
		try {
			const claim = checkOutput(claimSchema, await this.session.request(claimWire.getClaim(Number(patientControlNumber))), 'claims/get');
			return claim.patientControlNumber === patientControlNumber ? claim : null;
		} catch (error) {
			if (error instanceof PortalRefusalError && error.code === 'NotFound') return null;
			throw error;
		}
	}

	/** Pages answer 404 for an unknown ERA; reported like the handlers' NotFound refusal. */
	private async page<T>(call: PortalCall<T>): Promise<T> {
		try {
			return await this.session.request(call);
		} catch (error) {
			if (error instanceof PortalHttpError && error.status === 404) throw new PortalRefusalError(call.operation, 'NotFound', 'The ERA could not be found.');
			throw error;
		}
	}
}
