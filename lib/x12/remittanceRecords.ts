import * as lists from './emptyList';
import * as columns from './remittanceStore';
import type { RemittanceStore } from './remittanceStore';
import type { Adjustment, ClaimPayment, PatientName, ServicePayment } from './remittanceTypes';

/** Imports read once into module constants: see remittanceRows.ts for why. */
const { NONE } = lists;
const { Adjust, Claim, Service } = columns;

/**
 * Read-only views of one row of a RemittanceStore, with the fields of the
 * public interfaces as getters. Nothing is kept: text is cut from the source,
 * and `patient`, `services` and `adjustments` are made afresh, on each read.
 * Anything kept would live as long as the result and bring back the
 * garbage-collector cost the store removes; made on read, it dies young,
 * which costs almost nothing. So two reads give equal values, not the same
 * objects. toJSON gives exactly the plain object the interfaces describe, keys
 * in order: JSON.stringify (what n8n does with items) sees no difference.
 * Fields cannot be assigned: the result of a parse is read, not edited.
 */
export class AdjustmentRecord implements Adjustment {
	constructor(
		private readonly store: RemittanceStore,
		private readonly row: number,
	) {}

	get group(): string {
		return this.store.textOf(this.store.adjustments, this.row, Adjust.group);
	}

	get reason(): string {
		return this.store.textOf(this.store.adjustments, this.row, Adjust.reason);
	}

	get amountCents(): number {
		return this.store.adjustments.number(this.row, Adjust.amountCents) as number;
	}

	get quantity(): number | null {
		return this.store.adjustments.number(this.row, Adjust.quantity);
	}

	toJSON(): Adjustment {
		return { group: this.group, reason: this.reason, amountCents: this.amountCents, quantity: this.quantity };
	}
}

/** Views of `count` adjustment rows from row `first`; the shared empty list when there are none. */
function adjustmentList(store: RemittanceStore, first: number, count: number): readonly Adjustment[] {
	if (count === 0) return NONE;
	const list = new Array<Adjustment>(count);
	for (let i = 0; i < count; i++) list[i] = new AdjustmentRecord(store, first + i);
	return list;
}

export class ServiceRecord implements ServicePayment {
	constructor(
		private readonly store: RemittanceStore,
		private readonly row: number,
	) {}

	get procedureQualifier(): string {
		return this.store.procedures[this.row].qualifier;
	}

	get procedureCode(): string {
		return this.store.procedures[this.row].code;
	}

	get modifiers(): readonly string[] {
		return this.store.procedures[this.row].modifiers;
	}

	get chargeCents(): number {
		return this.store.services.number(this.row, Service.chargeCents) as number;
	}

	get paidCents(): number {
		return this.store.services.number(this.row, Service.paidCents) as number;
	}

	get revenueCode(): string | null {
		return this.store.optionalTextOf(this.store.services, this.row, Service.revenueCode);
	}

	get units(): number {
		return this.store.services.number(this.row, Service.units) as number;
	}

	get serviceDate(): string | null {
		return this.store.dateOf(this.store.services, this.row, Service.serviceDate);
	}

	get serviceDateEnd(): string | null {
		return this.store.dateOf(this.store.services, this.row, Service.serviceDateEnd);
	}

	get lineControlNumber(): string | null {
		return this.store.optionalTextOf(this.store.services, this.row, Service.lineControlNumber);
	}

	get allowedCents(): number | null {
		return this.store.services.number(this.row, Service.allowedCents);
	}

	get remarkCodes(): readonly string[] {
		return this.store.remarkCodesOf(this.store.integerOf(this.store.services, this.row, Service.remarkCodes));
	}

	get adjustments(): readonly Adjustment[] {
		const { store, row } = this;
		return adjustmentList(store, store.integerOf(store.services, row, Service.firstAdjustment), store.integerOf(store.services, row, Service.adjustmentCount));
	}

	get segmentNumber(): number {
		return this.store.integerOf(this.store.services, this.row, Service.segmentNumber);
	}

	toJSON(): ServicePayment {
		return {
			procedureQualifier: this.procedureQualifier,
			procedureCode: this.procedureCode,
			modifiers: this.modifiers,
			chargeCents: this.chargeCents,
			paidCents: this.paidCents,
			revenueCode: this.revenueCode,
			units: this.units,
			serviceDate: this.serviceDate,
			serviceDateEnd: this.serviceDateEnd,
			lineControlNumber: this.lineControlNumber,
			allowedCents: this.allowedCents,
			remarkCodes: this.remarkCodes,
			adjustments: this.adjustments,
			segmentNumber: this.segmentNumber,
		};
	}
}

export class ClaimRecord implements ClaimPayment {
	constructor(
		private readonly store: RemittanceStore,
		private readonly row: number,
	) {}

	get patientControlNumber(): string {
		return this.store.textOf(this.store.claims, this.row, Claim.patientControlNumber);
	}

	get statusCode(): string {
		return this.store.textOf(this.store.claims, this.row, Claim.statusCode);
	}

	get chargeCents(): number {
		return this.store.claims.number(this.row, Claim.chargeCents) as number;
	}

	get paidCents(): number {
		return this.store.claims.number(this.row, Claim.paidCents) as number;
	}

	get patientResponsibilityCents(): number | null {
		return this.store.claims.number(this.row, Claim.patientResponsibilityCents);
	}

	get claimFilingIndicator(): string | null {
		return this.store.optionalTextOf(this.store.claims, this.row, Claim.claimFilingIndicator);
	}

	get payerClaimNumber(): string | null {
		return this.store.optionalTextOf(this.store.claims, this.row, Claim.payerClaimNumber);
	}

	get patient(): PatientName | null {
		const { store, row } = this;
		const claims = store.claims;
		if (store.integerOf(claims, row, Claim.hasPatient) === 0) return null;
		return {
			lastName: store.optionalTextOf(claims, row, Claim.lastName),
			firstName: store.optionalTextOf(claims, row, Claim.firstName),
			memberId: store.optionalTextOf(claims, row, Claim.memberId),
		};
	}

	get statementFrom(): string | null {
		return this.store.dateOf(this.store.claims, this.row, Claim.statementFrom);
	}

	get statementTo(): string | null {
		return this.store.dateOf(this.store.claims, this.row, Claim.statementTo);
	}

	get adjustments(): readonly Adjustment[] {
		const { store, row } = this;
		return adjustmentList(store, store.integerOf(store.claims, row, Claim.firstAdjustment), store.integerOf(store.claims, row, Claim.adjustmentCount));
	}

	get services(): readonly ServicePayment[] {
		const { store, row } = this;
		const count = store.integerOf(store.claims, row, Claim.serviceCount);
		if (count === 0) return NONE;
		const first = store.integerOf(store.claims, row, Claim.firstService);
		const list = new Array<ServicePayment>(count);
		for (let i = 0; i < count; i++) list[i] = new ServiceRecord(store, first + i);
		return list;
	}

	get segmentNumber(): number {
		return this.store.integerOf(this.store.claims, this.row, Claim.segmentNumber);
	}

	toJSON(): ClaimPayment {
		return {
			patientControlNumber: this.patientControlNumber,
			statusCode: this.statusCode,
			chargeCents: this.chargeCents,
			paidCents: this.paidCents,
			patientResponsibilityCents: this.patientResponsibilityCents,
			claimFilingIndicator: this.claimFilingIndicator,
			payerClaimNumber: this.payerClaimNumber,
			patient: this.patient,
			statementFrom: this.statementFrom,
			statementTo: this.statementTo,
			adjustments: this.adjustments,
			services: this.services,
			segmentNumber: this.segmentNumber,
		};
	}
}
