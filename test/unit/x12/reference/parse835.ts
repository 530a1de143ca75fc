import { findImbalances } from './balance835';
import { dateAt, textAt } from './fields';
import { optionalAmountAt } from './money';
import { X12SyntaxError, problemAt, segmentLabel, type X12Problem } from './problems';
import { withItem } from './listBuffer';
import { PendingClaim, PendingService } from './pendingRemittance';
import { emptyParty, readAdjustments, readParty, readPayment, readProviderAdjustments } from './remittanceSegments';
import type { ClaimPayment, Payment, ProviderAdjustment, Remittance835, RemittanceTransaction } from './remittanceTypes';
import { SegmentCursor, type SegmentView } from './segmentCursor';

/**
 * Parses every ST*835 transaction set in the text (other transaction sets are
 * skipped). One cursor pass: segments are read in place, never stored.
 */
export function parse835(text: string): Remittance835 {
	const segment = new SegmentCursor(text);
	const transactions: RemittanceTransaction[] = [];
	let reader: TransactionReader | null = null;
	while (segment.next()) {
		if (segment.id === 'ST') {
			if (reader !== null) transactions.push(reader.finish());
			reader = segment.element(1) === '835' ? new TransactionReader(segment.element(2), segment.segmentNumber) : null;
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
	private readonly claims: ClaimPayment[] = [];
	private readonly providerAdjustments: ProviderAdjustment[] = [];
	private readonly problems: X12Problem[] = [];
	private readonly claim = new PendingClaim();
	private readonly service = new PendingService();

	constructor(
		private readonly controlNumber: string,
		private readonly stSegmentNumber: number,
	) {}

	read(segment: SegmentView): void {
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
				return this.claim.start(segment);
			case 'SVC':
				return this.readService(segment);
			case 'CAS':
				return this.readAdjustment(segment);
			default:
				return this.readDetail(segment);
		}
	}

	/** Segments that only add detail to the open claim or line. */
	private readDetail(segment: SegmentView): void {
		switch (segment.id) {
			case 'NM1':
				if (this.claim.open && segment.element(1) === 'QC') {
					this.claim.patient = { lastName: textAt(segment, 3), firstName: textAt(segment, 4), memberId: textAt(segment, 9) };
				}
				return;
			case 'DTM':
				return this.readDate(segment);
			case 'AMT':
				if (this.service.open && segment.element(1) === 'B6') this.service.allowedCents = optionalAmountAt(segment, 2);
				return;
			case 'LQ':
				if (this.service.open && segment.element(1) === 'HE') {
					this.service.remarkCodes = withItem(this.service.remarkCodes, segment.element(2));
				}
				return;
			case 'PLB':
				this.closeClaim();
				readProviderAdjustments(segment, this.providerAdjustments);
				return;
		}
	}

	private readTrace(trn: SegmentView): void {
		if (this.payment === null) return;
		this.payment.traceNumber = textAt(trn, 2);
		this.payment.originatorId = textAt(trn, 3);
	}

	private readParty(n1: SegmentView): void {
		if (n1.element(1) === 'PR') this.payer = readParty(n1);
		else if (n1.element(1) === 'PE') this.payee = readParty(n1);
	}

	private readReference(ref: SegmentView): void {
		const qualifier = ref.element(1);
		if (this.service.open && qualifier === '6R') this.service.lineControlNumber = textAt(ref, 2);
		// REF*2U is the payer id for payers that leave N104 empty.
		else if (!this.claim.open && qualifier === '2U' && this.payer.id === null) this.payer.id = textAt(ref, 2);
	}

	private readService(svc: SegmentView): void {
		if (!this.claim.open) {
			this.problems.push(problemAt('SVC', svc.segmentNumber, 'service line outside any claim is ignored'));
			return;
		}
		this.closeService();
		this.service.start(svc);
	}

	private readAdjustment(cas: SegmentView): void {
		if (this.service.open) return readAdjustments(cas, this.service.adjustments);
		if (this.claim.open) return readAdjustments(cas, this.claim.adjustments);
		this.problems.push(problemAt('CAS', cas.segmentNumber, 'adjustment outside any claim is ignored'));
	}

	private readDate(dtm: SegmentView): void {
		const qualifier = dtm.element(1);
		const service = this.service;
		if (service.open) {
			if (qualifier === '472' || (qualifier === '150' && service.serviceDate === null)) {
				service.serviceDate = dateAt(dtm, 2);
			} else if (qualifier === '151') {
				service.serviceDateEnd = dateAt(dtm, 2);
			}
		} else if (this.claim.open) {
			if (qualifier === '232') this.claim.statementFrom = dateAt(dtm, 2);
			else if (qualifier === '233') this.claim.statementTo = dateAt(dtm, 2);
		}
	}

	private closeService(): void {
		if (this.service.open) this.claim.services.add(this.service.build());
	}

	private closeClaim(): void {
		this.closeService();
		if (this.claim.open) this.claims.push(this.claim.build());
	}

	finish(): RemittanceTransaction {
		this.closeClaim();
		const payment = this.payment;
		if (payment === null) {
			throw new X12SyntaxError(`${segmentLabel('ST', this.stSegmentNumber)}: 835 has no BPR segment`, 'ST', this.stSegmentNumber);
		}
		const problems = this.problems.concat(findImbalances(payment, this.claims, this.providerAdjustments));
		return {
			controlNumber: this.controlNumber,
			segmentNumber: this.stSegmentNumber,
			payment,
			payer: this.payer,
			payee: this.payee,
			claims: this.claims,
			providerAdjustments: this.providerAdjustments,
			balanced: problems.length === 0,
			problems,
		};
	}
}
