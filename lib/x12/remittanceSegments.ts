import { dateAt, quantityAt, textAt } from './fields';
import { BoundedMemo } from './memo';
import { amountAt, optionalAmountAt } from './money';
import type { Adjustment, ClaimPayment, Payment, ProviderAdjustment, RemittanceParty, ServicePayment } from './remittanceTypes';
import type { SegmentView } from './segmentCursor';

/** The shared value of every empty list in a parse result. */
export const NONE: readonly never[] = Object.freeze([]);

/** CAS carries up to six reason/amount/quantity triplets starting at CAS02. */
const CAS_FIRST_REASON = 2;
const CAS_LAST_REASON = 17;
/** PLB carries up to six identifier/amount pairs starting at PLB03. */
const PLB_FIRST_PAIR = 3;
const PLB_LAST_PAIR = 13;

/**
 * Returns `existing` plus this CAS's adjustments as a new array of exact size:
 * push() reserves about 17 slots, which on a large remittance took more memory
 * (and garbage-collection time) than the adjustments themselves.
 */
export function withAdjustments(existing: readonly Adjustment[], cas: SegmentView): readonly Adjustment[] {
	const singleReason = cas.element(CAS_FIRST_REASON) !== '' && cas.element(CAS_FIRST_REASON + 3) === '';
	// The common case, one reason on a fresh list: a one-element literal is already exact.
	if (existing.length === 0 && singleReason) return [adjustmentAt(cas, CAS_FIRST_REASON)];
	const read: Adjustment[] = [];
	for (let i = CAS_FIRST_REASON; i <= CAS_LAST_REASON; i += 3) {
		if (cas.element(i) !== '') read.push(adjustmentAt(cas, i));
	}
	return existing.concat(read);
}

/** The reason/amount/quantity triplet of a CAS that starts at element `reasonIndex`. */
function adjustmentAt(cas: SegmentView, reasonIndex: number): Adjustment {
	return {
		group: cas.element(1),
		reason: cas.element(reasonIndex),
		amountCents: amountAt(cas, reasonIndex + 1),
		quantity: quantityAt(cas, reasonIndex + 2),
	};
}

export function readProviderAdjustments(plb: SegmentView, into: ProviderAdjustment[]): void {
	const providerId = plb.element(1);
	const fiscalPeriodDate = dateAt(plb, 2);
	for (let i = PLB_FIRST_PAIR; i <= PLB_LAST_PAIR; i += 2) {
		const identifier = textAt(plb, i);
		if (identifier === null) continue;
		const [reason, reference] = identifier.split(plb.delimiters.component);
		into.push({
			providerId,
			fiscalPeriodDate,
			reason,
			reference: reference === undefined || reference === '' ? null : reference,
			amountCents: amountAt(plb, i + 1),
			segmentNumber: plb.segmentNumber,
		});
	}
}

export function readPayment(bpr: SegmentView): Payment {
	return {
		handlingCode: bpr.element(1),
		amountCents: amountAt(bpr, 2),
		creditDebit: bpr.element(3),
		method: bpr.element(4),
		date: dateAt(bpr, 16),
		traceNumber: null,
		originatorId: null,
		segmentNumber: bpr.segmentNumber,
	};
}

export function readParty(n1: SegmentView): RemittanceParty {
	const idQualifier = textAt(n1, 3);
	const id = textAt(n1, 4);
	return { name: textAt(n1, 2), idQualifier, id, npi: idQualifier === 'XX' ? id : null };
}

export function emptyParty(): RemittanceParty {
	return { name: null, idQualifier: null, id: null, npi: null };
}

export function readClaim(clp: SegmentView): ClaimPayment {
	return {
		patientControlNumber: clp.element(1),
		statusCode: clp.element(2),
		chargeCents: amountAt(clp, 3),
		paidCents: amountAt(clp, 4),
		patientResponsibilityCents: optionalAmountAt(clp, 5),
		claimFilingIndicator: textAt(clp, 6),
		payerClaimNumber: textAt(clp, 7),
		patient: null,
		statementFrom: null,
		statementTo: null,
		adjustments: NONE,
		services: NONE,
		segmentNumber: clp.segmentNumber,
	};
}

interface Procedure {
	qualifier: string;
	code: string;
	modifiers: readonly string[];
}

/** Components 3–6 of SVC01 are modifiers; component 7 is a free-text description. */
const LAST_MODIFIER = 5;

/** One memo per component separator, since the same text splits differently under another. */
const procedureMemos = new Map<string, BoundedMemo<Procedure>>();

function readProcedure(composite: string, component: string): Procedure {
	let memo = procedureMemos.get(component);
	if (memo === undefined) procedureMemos.set(component, (memo = new BoundedMemo<Procedure>()));
	return memo.get(composite, () => {
		const parts = composite.split(component);
		const modifiers = parts.slice(2, LAST_MODIFIER + 1).filter((modifier) => modifier !== '');
		return { qualifier: parts[0], code: parts[1] ?? '', modifiers: modifiers.length === 0 ? NONE : Object.freeze(modifiers) };
	});
}

export function readService(svc: SegmentView): ServicePayment {
	const procedure = readProcedure(svc.element(1), svc.delimiters.component);
	return {
		procedureQualifier: procedure.qualifier,
		procedureCode: procedure.code,
		modifiers: procedure.modifiers,
		chargeCents: amountAt(svc, 2),
		paidCents: amountAt(svc, 3),
		revenueCode: textAt(svc, 4),
		units: quantityAt(svc, 5) ?? 1,
		serviceDate: null,
		serviceDateEnd: null,
		lineControlNumber: null,
		allowedCents: null,
		remarkCodes: NONE,
		adjustments: NONE,
		segmentNumber: svc.segmentNumber,
	};
}
