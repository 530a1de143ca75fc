import type { Address, BillingProvider, Claim, ClaimBatch, Patient, ServiceLine, Subscriber } from './claimBatchSchema';
import { centsToDecimal } from './money';
import type { SegmentWriter } from './segmentWriter';

/** Loop writers for the 837P (005010X222A1); each takes the writer and the typed input. */

export const COMPONENT = ':';

const d8 = (isoDate: string): string => isoDate.replace(/-/g, '');

function writeAddress(w: SegmentWriter, address: Address): void {
	w.add('N3', address.line1, address.line2);
	w.add('N4', address.city, address.state, address.zip);
}

function writePerson(w: SegmentWriter, person: Subscriber | Patient): void {
	writeAddress(w, person.address);
	w.add('DMG', 'D8', d8(person.dateOfBirth), person.gender);
}

/** Loops 1000A (submitter) and 1000B (receiver). */
export function writeSubmitterAndReceiver(w: SegmentWriter, batch: ClaimBatch): void {
	const { submitter, receiver } = batch;
	w.add('NM1', '41', '2', submitter.name, '', '', '', '', '46', submitter.id);
	w.add('PER', 'IC', submitter.contactName, 'TE', submitter.phone);
	w.add('NM1', '40', '2', receiver.name, '', '', '', '', '46', receiver.id);
}

/** Loop 2000A/2010AA: always HL 1, the parent of every subscriber. */
export function writeBillingProvider(w: SegmentWriter, provider: BillingProvider): void {
	w.add('HL', '1', '', '20', '1');
	if (provider.taxonomyCode) w.add('PRV', 'BI', 'PXC', provider.taxonomyCode);
	const entity = provider.firstName ? '1' : '2';
	w.add('NM1', '85', entity, provider.name, provider.firstName, '', '', '', 'XX', provider.npi);
	writeAddress(w, provider.address);
	w.add('REF', provider.taxIdType === 'EIN' ? 'EI' : 'SY', provider.taxId);
}

/**
 * Loops 2000B/2010BA/2010BB and, when the patient is someone else, 2000C/2010CA,
 * followed by the claim. Returns the last HL number used.
 */
export function writeClaimHierarchy(w: SegmentWriter, claim: Claim, lastHl: number): number {
	const { subscriber, patient } = claim;
	const subscriberHl = lastHl + 1;
	w.add('HL', String(subscriberHl), '1', '22', patient ? '1' : '0');
	// SBR02 = 18 ("self") only when the subscriber is the patient.
	w.add('SBR', subscriber.payerResponsibility, patient ? '' : '18', subscriber.groupNumber, '', '', '', '', '', subscriber.claimFilingIndicator);
	w.add('NM1', 'IL', '1', subscriber.lastName, subscriber.firstName, subscriber.middleName, '', '', 'MI', subscriber.memberId);
	writePerson(w, subscriber);
	w.add('NM1', 'PR', '2', claim.payer.name, '', '', '', '', 'PI', claim.payer.id);
	let hl = subscriberHl;
	if (patient) {
		hl += 1;
		w.add('HL', String(hl), String(subscriberHl), '23', '0');
		w.add('PAT', patient.relationshipToSubscriber);
		w.add('NM1', 'QC', '1', patient.lastName, patient.firstName, patient.middleName);
		writePerson(w, patient);
	}
	writeClaim(w, claim);
	return hl;
}

/** Loop 2300 and its 2310B rendering provider and 2400 lines. */
function writeClaim(w: SegmentWriter, claim: Claim): void {
	let totalCents = 0;
	for (const line of claim.serviceLines) totalCents += line.chargeCents;
	const facility = [claim.placeOfService, 'B', claim.frequencyCode].join(COMPONENT);
	w.add('CLM', claim.claimId, centsToDecimal(totalCents), '', '', facility, 'Y', 'A', 'Y', 'Y');
	if (claim.priorAuthorization) w.add('REF', 'G1', claim.priorAuthorization);
	if (claim.frequencyCode !== '1') w.add('REF', 'F8', claim.payerClaimNumber);
	// First diagnosis is the principal one (ABK); the rest are secondary (ABF).
	w.add('HI', ...claim.diagnoses.map((code, i) => `${i === 0 ? 'ABK' : 'ABF'}${COMPONENT}${code.replace('.', '').toUpperCase()}`));
	const rendering = claim.renderingProvider;
	if (rendering) {
		w.add('NM1', '82', '1', rendering.lastName, rendering.firstName, '', '', '', 'XX', rendering.npi);
		if (rendering.taxonomyCode) w.add('PRV', 'PE', 'PXC', rendering.taxonomyCode);
	}
	claim.serviceLines.forEach((line, index) => writeServiceLine(w, line, index + 1));
}

function writeServiceLine(w: SegmentWriter, line: ServiceLine, number: number): void {
	w.add('LX', String(number));
	const procedure = ['HC', line.procedureCode, ...line.modifiers].join(COMPONENT);
	const pointers = line.diagnosisPointers.join(COMPONENT);
	w.add('SV1', procedure, centsToDecimal(line.chargeCents), 'UN', String(line.units), '', '', pointers);
	w.add('DTP', '472', 'D8', d8(line.serviceDate));
	if (line.lineControlNumber) w.add('REF', '6R', line.lineControlNumber);
}
