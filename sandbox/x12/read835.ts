import { isoFromX12Date, parseAmount } from './amounts';
import { X12FormatError, type Adjustment, type ClaimPayment, type Interchange, type Remittance, type ServiceLinePayment } from './model';
import { tokenize, type Delimiters } from './segments';

type Segment = string[];

/**
 * Reads an 835 interchange back into the model. It checks the envelope (ISA/GS/ST counts and
 * control numbers) and the segments it needs, and skips the ones the portal does not show
 * (MIA, MOA, AMT, QTY, …). Balancing is checked by `balanceProblems`, not here.
 */
export function read835(text: string): Interchange {
	const { delimiters, segments } = tokenize(text);
	return new InterchangeReader(delimiters).read(segments);
}

const EMPTY_REMITTANCE = (): Remittance => ({
	traceNumber: '', originatorId: '', paymentCents: 0, paymentDate: '',
	payer: { name: '', electronicId: null, address: null, contactPhone: null },
	payee: { name: '', npi: '', taxId: null, address: null },
	claims: [], providerAdjustmentCents: [],
});

class InterchangeReader {
	private interchange: Interchange | null = null;
	private isaControl = '';
	private groupCount = 0;
	private groupControl: string | null = null;
	private setsInGroup = 0;
	private remittance: Remittance | null = null;
	private setControl = '';
	private setSegments = 0;
	private seen = new Set<string>();
	private party: 'PR' | 'PE' | null = null;
	private claim: ClaimPayment | null = null;
	private line: ServiceLinePayment | null = null;
	private ended = false;
	private position = 0;

	constructor(private readonly d: Delimiters) {}

	read(segments: Segment[]): Interchange {
		segments.forEach((seg, index) => {
			this.position = index + 1;
			this.segment(seg);
		});
		if (!this.ended || !this.interchange) this.fail('The interchange has no IEA trailer.');
		return this.interchange!;
	}

	private fail(message: string): never {
		throw new X12FormatError(`${message} (segment ${this.position})`);
	}

	private segment(seg: Segment): void {
		if (this.ended) this.fail('Segments follow the IEA trailer.');
		if (this.remittance) this.setSegments++;
		const envelope: Record<string, (s: Segment) => void> = { ISA: this.isa, GS: this.gs, GE: this.ge, IEA: this.iea, ST: this.st, SE: this.se };
		const handler = envelope[seg[0]];
		if (handler) handler.call(this, seg);
		else this.body(seg);
	}

	private isa(seg: Segment): void {
		if (this.interchange) this.fail('A second ISA segment is not supported.');
		if (!/^\d{9}$/.test(seg[13] ?? '')) this.fail('ISA13 must be a nine-digit control number.');
		const date = isoFromX12Date(`20${seg[9]}`);
		const time = /^\d{4}$/.test(seg[10] ?? '') ? `${seg[10].slice(0, 2)}:${seg[10].slice(2)}` : '00:00';
		this.isaControl = seg[13];
		this.interchange = {
			senderId: seg[6].trim(), receiverId: seg[8].trim(), controlNumber: Number(seg[13]),
			createdAt: `${date ?? '1970-01-01'}T${time}`, usage: seg[15] === 'P' ? 'P' : 'T', remittances: [],
		};
	}

	private gs(seg: Segment): void {
		if (!this.interchange || this.groupControl !== null) this.fail('GS must follow ISA or GE.');
		if (!(seg[8] ?? '').startsWith('005010X221')) this.fail(`GS08 '${seg[8] ?? ''}' is not the 835 guide 005010X221A1.`);
		this.groupControl = seg[6] ?? '';
		this.setsInGroup = 0;
		this.groupCount++;
	}

	private ge(seg: Segment): void {
		if (this.groupControl === null || this.remittance) this.fail('GE must close a functional group.');
		if (Number(seg[1]) !== this.setsInGroup) this.fail(`GE01 says ${seg[1]} transaction sets; the group has ${this.setsInGroup}.`);
		if (seg[2] !== this.groupControl) this.fail('GE02 does not match GS06.');
		this.groupControl = null;
	}

	private iea(seg: Segment): void {
		if (!this.interchange || this.groupControl !== null) this.fail('IEA must close the interchange.');
		if (Number(seg[1]) !== this.groupCount) this.fail(`IEA01 says ${seg[1]} groups; the interchange has ${this.groupCount}.`);
		if (seg[2] !== this.isaControl) this.fail('IEA02 does not match ISA13.');
		this.ended = true;
	}

	private st(seg: Segment): void {
		if (this.groupControl === null || this.remittance) this.fail('ST must be inside a functional group.');
		if (seg[1] !== '835') this.fail(`ST01 '${seg[1] ?? ''}' is not an 835 transaction set.`);
		this.remittance = EMPTY_REMITTANCE();
		this.setControl = seg[2] ?? '';
		this.setSegments = 1;
		this.seen.clear();
		this.party = this.claim = this.line = null;
	}

	private se(seg: Segment): void {
		if (!this.remittance) this.fail('SE without ST.');
		if (Number(seg[1]) !== this.setSegments) this.fail(`SE01 says ${seg[1]} segments; the transaction set has ${this.setSegments}.`);
		if (seg[2] !== this.setControl) this.fail('SE02 does not match ST02.');
		for (const required of ['BPR', 'TRN', 'N1*PR', 'N1*PE']) if (!this.seen.has(required)) this.fail(`The transaction set has no ${required} segment.`);
		this.interchange!.remittances.push(this.remittance);
		this.setsInGroup++;
		this.remittance = null;
	}

	private body(seg: Segment): void {
		const r = this.remittance;
		if (!r) this.fail(`${seg[0]} is outside a transaction set.`);
		const handlers: Record<string, (s: Segment, r: Remittance) => void> = {
			BPR: this.bpr, TRN: this.trn, N1: this.n1, N3: this.n3, N4: this.n4, REF: this.ref, PER: this.per,
			CLP: this.clp, CAS: this.cas, NM1: this.nm1, SVC: this.svc, DTM: this.dtm, PLB: this.plb,
		};
		handlers[seg[0]]?.call(this, seg, r);
	}

	private amount(seg: Segment, index: number): number {
		const cents = parseAmount(seg[index] ?? '');
		if (cents === null) this.fail(`${seg[0]}${String(index).padStart(2, '0')} is not an amount.`);
		return cents;
	}

	private date(seg: Segment, index: number): string {
		const iso = isoFromX12Date(seg[index] ?? '');
		if (!iso) this.fail(`${seg[0]}${String(index).padStart(2, '0')} is not a date (CCYYMMDD).`);
		return iso;
	}

	private bpr(seg: Segment, r: Remittance): void {
		r.paymentCents = this.amount(seg, 2);
		r.paymentDate = this.date(seg, 16);
		this.seen.add('BPR');
	}

	private trn(seg: Segment, r: Remittance): void {
		if (!seg[2]) this.fail('TRN02 (the trace number) is empty.');
		r.traceNumber = seg[2];
		r.originatorId = seg[3] ?? '';
		this.seen.add('TRN');
	}

	private n1(seg: Segment, r: Remittance): void {
		if (seg[1] === 'PR') r.payer.name = seg[2] ?? '';
		if (seg[1] === 'PE') Object.assign(r.payee, { name: seg[2] ?? '', npi: seg[3] === 'XX' ? (seg[4] ?? '') : '' });
		this.party = seg[1] === 'PR' || seg[1] === 'PE' ? seg[1] : null;
		if (this.party) this.seen.add(`N1*${this.party}`);
	}

	private partyOf(r: Remittance) {
		return this.claim ? null : this.party === 'PR' ? r.payer : this.party === 'PE' ? r.payee : null;
	}

	private n3(seg: Segment, r: Remittance): void {
		const party = this.partyOf(r);
		if (party) party.address = { street: seg[1] ?? '', city: '', state: '', zip: '' };
	}

	private n4(seg: Segment, r: Remittance): void {
		const party = this.partyOf(r);
		if (party) party.address = { street: party.address?.street ?? '', city: seg[1] ?? '', state: seg[2] ?? '', zip: seg[3] ?? '' };
	}

	private ref(seg: Segment, r: Remittance): void {
		if (seg[1] === '6R' && this.line) this.line.controlNumber = seg[2] ?? null;
		else if (seg[1] === '2U' && this.party === 'PR' && !this.claim) r.payer.electronicId = seg[2] ?? null;
		else if (seg[1] === 'TJ' && this.party === 'PE' && !this.claim) r.payee.taxId = seg[2] ?? null;
	}

	private per(seg: Segment, r: Remittance): void {
		if (seg[1] === 'BL' && this.party === 'PR' && !this.claim) r.payer.contactPhone = seg[3] === 'TE' ? (seg[4] ?? null) : null;
	}

	private clp(seg: Segment, r: Remittance): void {
		if (!seg[1]) this.fail('CLP01 (the patient control number) is empty.');
		this.line = null;
		this.claim = {
			patientControlNumber: seg[1], statusCode: seg[2] ?? '',
			chargeCents: this.amount(seg, 3), paidCents: this.amount(seg, 4), patientResponsibilityCents: seg[5] ? this.amount(seg, 5) : 0,
			filingIndicator: seg[6] ?? '', payerClaimNumber: seg[7] || null, facilityCode: seg[8] || null, frequency: seg[9] || null,
			patient: { lastName: '', firstName: '', memberId: '' }, adjustments: [], lines: [],
		};
		r.claims.push(this.claim);
	}

	private cas(seg: Segment): void {
		const target = this.line ?? this.claim;
		if (!target) this.fail('CAS outside a claim.');
		for (let i = 2; i < seg.length; i += 3) {
			if (!seg[i]) continue;
			const adjustment: Adjustment = { group: seg[1] ?? '', reason: seg[i], amountCents: this.amount(seg, i + 1) };
			target.adjustments.push(adjustment);
		}
	}

	private nm1(seg: Segment): void {
		if (seg[1] === 'QC' && this.claim) this.claim.patient = { lastName: seg[3] ?? '', firstName: seg[4] ?? '', memberId: seg[9] ?? '' };
	}

	private svc(seg: Segment): void {
		if (!this.claim) this.fail('SVC outside a claim.');
		const [, code = '', ...modifiers] = (seg[1] ?? '').split(this.d.component);
		const units = seg[5] ? Number(seg[5]) : 1;
		if (!Number.isFinite(units)) this.fail('SVC05 is not a number of units.');
		this.line = { code, modifiers: modifiers.filter((m) => m !== ''), chargeCents: this.amount(seg, 2), paidCents: this.amount(seg, 3), units, serviceDate: null, adjustments: [], controlNumber: null };
		this.claim.lines.push(this.line);
	}

	private dtm(seg: Segment): void {
		if (seg[1] === '472' && this.line) this.line.serviceDate = this.date(seg, 2);
	}

	private plb(seg: Segment, r: Remittance): void {
		for (let i = 3; i < seg.length; i += 2) if (seg[i]) r.providerAdjustmentCents.push(this.amount(seg, i + 1));
	}
}
