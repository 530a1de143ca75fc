import * as fields from './fields';
import * as money from './money';
import * as segments from './remittanceSegments';
import * as columns from './remittanceStore';
import type { RemittanceStore } from './remittanceStore';
import type { RowTable } from './rowTable';
import type { SegmentCursor } from './segmentCursor';

/**
 * Writes CLP, SVC and CAS into RemittanceStore rows. Elements are read in the
 * order the guides list them, so the first malformed one is the one an error
 * names. Text is recorded as offsets into the source, never cut here.
 */

/**
 * Imports read once into module constants: where each file is its own
 * CommonJS module (tsx, ts-jest), every use of an imported name is a getter
 * call, which on this path, several times a segment, cost as much as the parsing.
 */
const { quantityAt } = fields;
const { amountAt, optionalAmountAt } = money;
const { procedureAt } = segments;
const { Adjust, Claim, Service } = columns;

/** Records element `index`'s offsets at `column`, `column + 1` of the table's last row. */
export function putText(table: RowTable, column: number, segment: SegmentCursor, index: number): void {
	const at = table.at + column;
	table.current[at] = segment.startOf(index);
	table.current[at + 1] = segment.endOf(index);
}

/** A new claim row for this CLP. */
export function startClaim(store: RemittanceStore, clp: SegmentCursor): void {
	const claims = store.claims;
	claims.add();
	putText(claims, Claim.patientControlNumber, clp, 1);
	putText(claims, Claim.statusCode, clp, 2);
	claims.putNumber(Claim.chargeCents, amountAt(clp, 3));
	claims.putNumber(Claim.paidCents, amountAt(clp, 4));
	claims.putNumber(Claim.patientResponsibilityCents, optionalAmountAt(clp, 5));
	putText(claims, Claim.claimFilingIndicator, clp, 6);
	putText(claims, Claim.payerClaimNumber, clp, 7);
	claims.current[claims.at + Claim.firstAdjustment] = store.adjustments.rows;
	claims.current[claims.at + Claim.firstService] = store.services.rows;
	claims.current[claims.at + Claim.segmentNumber] = clp.segmentNumber;
}

/** A new service line row for this SVC, counted on the open claim. */
export function startService(store: RemittanceStore, svc: SegmentCursor): void {
	const services = store.services;
	services.add();
	store.procedures.push(procedureAt(svc));
	services.putNumber(Service.chargeCents, amountAt(svc, 2));
	services.putNumber(Service.paidCents, amountAt(svc, 3));
	putText(services, Service.revenueCode, svc, 4);
	services.putNumber(Service.units, quantityAt(svc, 5) ?? 1);
	services.putNumber(Service.allowedCents, null);
	services.current[services.at + Service.firstAdjustment] = store.adjustments.rows;
	services.current[services.at + Service.segmentNumber] = svc.segmentNumber;
	store.claims.current[store.claims.at + Claim.serviceCount]++;
}

/** CAS carries up to six reason/amount/quantity triplets starting at CAS02. */
const CAS_FIRST_REASON = 2;
const CAS_LAST_REASON = 17;

/** Adds a row per reason/amount/quantity triplet of this CAS and counts them on `owner`'s last row. */
export function addAdjustments(store: RemittanceStore, cas: SegmentCursor, owner: RowTable, countColumn: number): void {
	const adjustments = store.adjustments;
	for (let i = CAS_FIRST_REASON; i <= CAS_LAST_REASON; i += 3) {
		if (cas.startOf(i) === cas.endOf(i)) continue;
		adjustments.add();
		putText(adjustments, Adjust.group, cas, 1);
		putText(adjustments, Adjust.reason, cas, i);
		adjustments.putNumber(Adjust.amountCents, amountAt(cas, i + 1));
		adjustments.putNumber(Adjust.quantity, quantityAt(cas, i + 2));
		owner.current[owner.at + countColumn]++;
	}
}

/** NM1*QC on the open claim. */
export function putPatient(store: RemittanceStore, nm1: SegmentCursor): void {
	const claims = store.claims;
	claims.current[claims.at + Claim.hasPatient] = 1;
	putText(claims, Claim.lastName, nm1, 3);
	putText(claims, Claim.firstName, nm1, 4);
	putText(claims, Claim.memberId, nm1, 9);
}

/** LQ*HE: one more remark code on the open line. */
export function addRemarkCode(store: RemittanceStore, lq: SegmentCursor): void {
	const services = store.services;
	const index = services.current[services.at + Service.remarkCodes];
	const code = lq.element(2);
	if (index === 0) {
		store.remarkCodes.push([code]);
		services.current[services.at + Service.remarkCodes] = store.remarkCodes.length;
	} else {
		store.remarkCodes[index - 1] = store.remarkCodes[index - 1].concat([code]);
	}
}
