import { dateAt, textAt } from './fields';
import { NONE } from './emptyList';
import { amountAt } from './money';
import type { Payment, ProviderAdjustment, RemittanceParty } from './remittanceTypes';
import type { SegmentView } from './segmentCursor';
import { SliceMemo, owned } from './sliceMemo';

/** PLB carries up to six identifier/amount pairs starting at PLB03. */
const PLB_FIRST_PAIR = 3;
const PLB_LAST_PAIR = 13;

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

export interface Procedure {
	qualifier: string;
	code: string;
	modifiers: readonly string[];
	/** The component separator the composite was split on: the same text splits differently under another. */
	component: string;
}

/** Components 3–6 of SVC01 are modifiers; component 7 is a free-text description. */
const LAST_MODIFIER = 5;

const procedures = new SliceMemo<Procedure>();

/** SVC01 split into its components, shared by every line that carries the same composite. */
export function procedureAt(svc: SegmentView): Procedure {
	const component = svc.delimiters.component;
	const known = svc.recallAt(1, procedures);
	if (known !== undefined && known.component === component) return known;
	// Cached beyond this call, so it must not pin the caller's text.
	const composite = owned(svc.element(1));
	const parts = composite.split(component);
	const modifiers = parts.slice(2, LAST_MODIFIER + 1).filter((modifier) => modifier !== '');
	return procedures.remember(composite, {
		qualifier: parts[0],
		code: parts[1] ?? '',
		modifiers: modifiers.length === 0 ? NONE : Object.freeze(modifiers),
		component,
	});
}
