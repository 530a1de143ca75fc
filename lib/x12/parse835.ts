import { findImbalances } from './balance835';
import * as fields from './fields';
import * as money from './money';
import { X12SyntaxError, problemAt, segmentLabel, type X12Problem } from './problems';
import { ClaimRecord } from './remittanceRecords';
import * as rows from './remittanceRows';
import { emptyParty, readParty, readPayment, readProviderAdjustments } from './remittanceSegments';
import * as columns from './remittanceStore';
import { RemittanceStore } from './remittanceStore';
import type { RowTable } from './rowTable';
import type { ClaimPayment, Payment, ProviderAdjustment, Remittance835, RemittanceTransaction } from './remittanceTypes';
import { SegmentCursor } from './segmentCursor';

/** Imports read once into module constants: see remittanceRows.ts for why. */
const { dateAt, textAt } = fields;
const { optionalAmountAt } = money;
const { addAdjustments, addRemarkCode, putPatient, putText, startClaim, startService } = rows;
const { Claim, Service } = columns;

/**
 * Parses every ST*835 transaction set in the text (other transaction sets are
 * skipped). One cursor pass: segments are read in place, never stored; claims,
 * lines and adjustments go to one RemittanceStore (see there for why).
 */
export function parse835(text: string): Remittance835 {
	const segment = new SegmentCursor(text);
	const store = new RemittanceStore(text);
	const transactions: RemittanceTransaction[] = [];
	let reader: TransactionReader | null = null;
	while (segment.next()) {
		if (segment.id === 'ST') {
			if (reader !== null) transactions.push(reader.finish());
			reader = segment.element(1) === '835' ? new TransactionReader(store, segment.element(2), segment.segmentNumber) : null;
		} else if (reader !== null) {
			if (segment.id === 'SE') {
				transactions.push(reader.finish());
				reader = null;
			} else {
				reader.read(segment);
			}
		}
	}
	// A truncated file still yields what it has; the missing SE is not a money question.
	if (reader !== null) transactions.push(reader.finish());
	return { transactions };
}

/**
 * Collects one transaction set; the open claim/service decide where CAS, DTM
 * and REF belong. Segments are cursor views: read them now, never keep them.
 */
class TransactionReader {
	private payment: Payment | null = null;
	private payer = emptyParty();
	private payee = emptyParty();
	private readonly providerAdjustments: ProviderAdjustment[] = [];
	private readonly problems: X12Problem[] = [];
	private readonly firstClaim: number;
	/** The open claim and line are the last rows of the store's tables. */
	private claimOpen = false;
	private serviceOpen = false;

	constructor(
		private readonly store: RemittanceStore,
		private readonly controlNumber: string,
		private readonly stSegmentNumber: number,
	) {
		this.firstClaim = store.claims.rows;
	}

	read(segment: SegmentCursor): void {
		switch (segment.id) {
			case 'BPR':
				this.payment = readPayment(segment);
				return;
			case 'TRN':
				return this.readTrace(segment);
			case 'N1':
				return this.readParty(segment);
			case 'REF':
				return this.readReference(segment);
			case 'LX':
				return this.closeClaim();
			case 'CLP':
				this.closeClaim();
				startClaim(this.store, segment);
				this.claimOpen = true;
				return;
			case 'SVC':
				return this.readService(segment);
			case 'CAS':
				return this.readAdjustment(segment);
			default:
				return this.readDetail(segment);
		}
	}

	/** Segments that only add detail to the open claim or line. */
	private readDetail(segment: SegmentCursor): void {
		switch (segment.id) {
			case 'NM1':
				if (this.claimOpen && segment.element(1) === 'QC') putPatient(this.store, segment);
				return;
			case 'DTM':
				return this.readDate(segment);
			case 'AMT':
				if (this.serviceOpen && segment.element(1) === 'B6') this.store.services.putNumber(Service.allowedCents, optionalAmountAt(segment, 2));
				return;
			case 'LQ':
				if (this.serviceOpen && segment.element(1) === 'HE') addRemarkCode(this.store, segment);
				return;
			case 'PLB':
				this.closeClaim();
				readProviderAdjustments(segment, this.providerAdjustments);
				return;
		}
	}

	private readTrace(trn: SegmentCursor): void {
		if (this.payment === null) return;
		this.payment.traceNumber = textAt(trn, 2);
		this.payment.originatorId = textAt(trn, 3);
	}

	private readParty(n1: SegmentCursor): void {
		if (n1.element(1) === 'PR') this.payer = readParty(n1);
		else if (n1.element(1) === 'PE') this.payee = readParty(n1);
	}

	private readReference(ref: SegmentCursor): void {
		const qualifier = ref.element(1);
		if (this.serviceOpen && qualifier === '6R') putText(this.store.services, Service.lineControlNumber, ref, 2);
		// REF*2U is the payer id for payers that leave N104 empty.
		else if (!this.claimOpen && qualifier === '2U' && this.payer.id === null) this.payer.id = textAt(ref, 2);
	}

	private readService(svc: SegmentCursor): void {
		if (!this.claimOpen) {
			this.problems.push(problemAt('SVC', svc.segmentNumber, 'service line outside any claim is ignored'));
			return;
		}
		startService(this.store, svc);
		this.serviceOpen = true;
	}

	private readAdjustment(cas: SegmentCursor): void {
		if (this.serviceOpen) return addAdjustments(this.store, cas, this.store.services, Service.adjustmentCount);
		if (this.claimOpen) return addAdjustments(this.store, cas, this.store.claims, Claim.adjustmentCount);
		this.problems.push(problemAt('CAS', cas.segmentNumber, 'adjustment outside any claim is ignored'));
	}

	/** Dates are checked now (dateAt throws on a malformed one) and kept as offsets. */
	private readDate(dtm: SegmentCursor): void {
		const qualifier = dtm.element(1);
		if (this.serviceOpen) {
			const services = this.store.services;
			const at = services.at + Service.serviceDate;
			const undated = services.current[at] === services.current[at + 1];
			if (qualifier === '472' || (qualifier === '150' && undated)) putDate(services, Service.serviceDate, dtm);
			else if (qualifier === '151') putDate(services, Service.serviceDateEnd, dtm);
		} else if (this.claimOpen) {
			if (qualifier === '232') putDate(this.store.claims, Claim.statementFrom, dtm);
			else if (qualifier === '233') putDate(this.store.claims, Claim.statementTo, dtm);
		}
	}

	private closeClaim(): void {
		this.serviceOpen = false;
		this.claimOpen = false;
	}

	finish(): RemittanceTransaction {
		this.closeClaim();
		const payment = this.payment;
		if (payment === null) {
			throw new X12SyntaxError(`${segmentLabel('ST', this.stSegmentNumber)}: 835 has no BPR segment`, 'ST', this.stSegmentNumber);
		}
		const store = this.store;
		const claimRows = { first: this.firstClaim, end: store.claims.rows };
		const claims: ClaimPayment[] = [];
		for (let row = claimRows.first; row < claimRows.end; row++) claims.push(new ClaimRecord(store, row));
		const problems = this.problems.concat(findImbalances(payment, store, claimRows, this.providerAdjustments));
		return {
			controlNumber: this.controlNumber,
			segmentNumber: this.stSegmentNumber,
			payment,
			payer: this.payer,
			payee: this.payee,
			claims,
			providerAdjustments: this.providerAdjustments,
			balanced: problems.length === 0,
			problems,
		};
	}
}

function putDate(table: RowTable, column: number, dtm: SegmentCursor): void {
	// Throws on a malformed date now; the string is cut when the field is read.
	dateAt(dtm, 2);
	putText(table, column, dtm, 2);
}
