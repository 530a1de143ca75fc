import { formatAmount, x12Date } from './amounts';
import type { Adjustment, ClaimPayment, Interchange, Remittance, ServiceLinePayment } from './model';
import { DEFAULT_DELIMITERS as D, fixed, segment, zeroPadded } from './segments';

/**
 * Renders an interchange of 835 remittances (005010X221A1) as text, one segment a line. The
 * writer trusts the model to balance; `balanceProblems` checks that separately.
 */
export const IMPLEMENTATION_GUIDE = '005010X221A1';
const CAS_TRIPLETS_PER_SEGMENT = 6;

export function write835(interchange: Interchange): string {
	const control = zeroPadded(interchange.controlNumber, 9);
	const groupControl = String(interchange.controlNumber % 1_000_000_000);
	const at = interchange.createdAt;
	const lines = [
		isa(interchange, control),
		segment('GS', ['HP', interchange.senderId, interchange.receiverId, x12Date(at), `${at.slice(11, 13)}${at.slice(14, 16)}`, groupControl, 'X', IMPLEMENTATION_GUIDE]),
		...interchange.remittances.flatMap((remittance, index) => transaction(remittance, zeroPadded(index + 1, 4))),
		segment('GE', [String(interchange.remittances.length), groupControl]),
		segment('IEA', ['1', control]),
	];
	return lines.map((line) => `${line}${D.segment}`).join('\n') + '\n';
}

/** The fixed-width header: 105 characters plus the terminator, whatever the ids' lengths. */
function isa(interchange: Interchange, control: string): string {
	const at = interchange.createdAt;
	const fields = [
		'00', fixed('', 10), '00', fixed('', 10),
		'ZZ', fixed(interchange.senderId, 15), 'ZZ', fixed(interchange.receiverId, 15),
		`${at.slice(2, 4)}${at.slice(5, 7)}${at.slice(8, 10)}`, `${at.slice(11, 13)}${at.slice(14, 16)}`,
		D.repetition, '00501', control, '0', interchange.usage, D.component,
	];
	return ['ISA', ...fields].join(D.element);
}

function transaction(remittance: Remittance, setNumber: string): string[] {
	const body = [
		segment('ST', ['835', setNumber, IMPLEMENTATION_GUIDE]),
		bpr(remittance),
		segment('TRN', ['1', remittance.traceNumber, remittance.originatorId]),
		segment('DTM', ['405', x12Date(remittance.paymentDate)]),
		...payerLoop(remittance.payer),
		...payeeLoop(remittance.payee),
		...(remittance.claims.length > 0 ? [segment('LX', ['1'])] : []),
		...remittance.claims.flatMap(claimLoop),
		...remittance.providerAdjustmentCents.map((cents) => segment('PLB', [remittance.payee.npi, `${remittance.paymentDate.slice(0, 4)}1231`, ['WO'], formatAmount(cents)])),
	];
	return [...body, segment('SE', [String(body.length + 1), setNumber])];
}

/** BPR01 I (payment with remittance) or H (notification only, nothing paid); BPR16 the payment date. */
function bpr(remittance: Remittance): string {
	const paying = remittance.paymentCents > 0;
	const unusedBankFields = Array<string>(11).fill('');
	return segment('BPR', [paying ? 'I' : 'H', formatAmount(remittance.paymentCents), 'C', paying ? 'CHK' : 'NON', ...unusedBankFields, x12Date(remittance.paymentDate)]);
}

function addressSegments(address: { street: string; city: string; state: string; zip: string } | null): string[] {
	return address ? [segment('N3', [address.street]), segment('N4', [address.city, address.state, address.zip])] : [];
}

function payerLoop(payer: Remittance['payer']): string[] {
	return [
		segment('N1', ['PR', payer.name]),
		...addressSegments(payer.address),
		...(payer.electronicId ? [segment('REF', ['2U', payer.electronicId])] : []),
		...(payer.contactPhone ? [segment('PER', ['BL', 'EDI SUPPORT', 'TE', payer.contactPhone])] : []),
	];
}

function payeeLoop(payee: Remittance['payee']): string[] {
	return [
		segment('N1', ['PE', payee.name, 'XX', payee.npi]),
		...addressSegments(payee.address),
		...(payee.taxId ? [segment('REF', ['TJ', payee.taxId])] : []),
	];
}

function claimLoop(claim: ClaimPayment): string[] {
	const money = [claim.chargeCents, claim.paidCents, claim.patientResponsibilityCents].map(formatAmount);
	const memberId = claim.patient.memberId ? ['MI', claim.patient.memberId] : [];
	return [
		segment('CLP', [claim.patientControlNumber, claim.statusCode, ...money, claim.filingIndicator, claim.payerClaimNumber, claim.facilityCode, claim.frequency]),
		...casSegments(claim.adjustments),
		segment('NM1', ['QC', '1', claim.patient.lastName, claim.patient.firstName, '', '', '', ...memberId]),
		...claim.lines.flatMap(lineLoop),
	];
}

function lineLoop(line: ServiceLinePayment): string[] {
	return [
		segment('SVC', [['HC', line.code, ...line.modifiers], formatAmount(line.chargeCents), formatAmount(line.paidCents), '', String(line.units)]),
		...(line.serviceDate ? [segment('DTM', ['472', x12Date(line.serviceDate)])] : []),
		...casSegments(line.adjustments),
		...(line.controlNumber ? [segment('REF', ['6R', line.controlNumber])] : []),
	];
}

/** One CAS per group code (the guide forbids repeating a group in a loop), six reasons each. */
function casSegments(adjustments: Adjustment[]): string[] {
	const byGroup = new Map<string, Adjustment[]>();
	for (const adjustment of adjustments) byGroup.set(adjustment.group, [...(byGroup.get(adjustment.group) ?? []), adjustment]);
	const out: string[] = [];
	for (const [group, items] of byGroup) {
		for (let i = 0; i < items.length; i += CAS_TRIPLETS_PER_SEGMENT) {
			const triplets = items.slice(i, i + CAS_TRIPLETS_PER_SEGMENT).flatMap((a) => [a.reason, formatAmount(a.amountCents), '']);
			out.push(segment('CAS', [group, ...triplets]));
		}
	}
	return out;
}
