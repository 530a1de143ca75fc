import { quantityAt, textAt } from './fields';
import { ListBuffer, NONE } from './listBuffer';
import { amountAt, optionalAmountAt } from './money';
import { procedureAt } from './remittanceSegments';
import type { Adjustment, ClaimPayment, PatientName, ServicePayment } from './remittanceTypes';
import type { SegmentView } from './segmentCursor';

/**
 * The service line being read: SVC values plus what its DTM, REF, AMT, LQ and
 * CAS add. The result object is built once, when the line is complete, so it
 * is never changed after it is made: V8 then allocates it with its final
 * contents instead of patching a (possibly already promoted) object per segment.
 */
export class PendingService {
	open = false;
	procedureQualifier = '';
	procedureCode = '';
	modifiers: readonly string[] = NONE;
	chargeCents = 0;
	paidCents = 0;
	revenueCode: string | null = null;
	units = 1;
	serviceDate: string | null = null;
	serviceDateEnd: string | null = null;
	lineControlNumber: string | null = null;
	allowedCents: number | null = null;
	remarkCodes: readonly string[] = NONE;
	readonly adjustments = new ListBuffer<Adjustment>();
	segmentNumber = 0;

	start(svc: SegmentView): void {
		const procedure = procedureAt(svc);
		this.procedureQualifier = procedure.qualifier;
		this.procedureCode = procedure.code;
		this.modifiers = procedure.modifiers;
		this.chargeCents = amountAt(svc, 2);
		this.paidCents = amountAt(svc, 3);
		this.revenueCode = textAt(svc, 4);
		this.units = quantityAt(svc, 5) ?? 1;
		this.serviceDate = null;
		this.serviceDateEnd = null;
		this.lineControlNumber = null;
		this.allowedCents = null;
		this.remarkCodes = NONE;
		this.segmentNumber = svc.segmentNumber;
		this.open = true;
	}

	build(): ServicePayment {
		this.open = false;
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
			adjustments: this.adjustments.take(),
			segmentNumber: this.segmentNumber,
		};
	}
}

/** The claim being read (CLP and what follows it), built once complete: see PendingService. */
export class PendingClaim {
	open = false;
	patientControlNumber = '';
	statusCode = '';
	chargeCents = 0;
	paidCents = 0;
	patientResponsibilityCents: number | null = null;
	claimFilingIndicator: string | null = null;
	payerClaimNumber: string | null = null;
	patient: PatientName | null = null;
	statementFrom: string | null = null;
	statementTo: string | null = null;
	readonly adjustments = new ListBuffer<Adjustment>();
	readonly services = new ListBuffer<ServicePayment>();
	segmentNumber = 0;

	start(clp: SegmentView): void {
		this.patientControlNumber = clp.element(1);
		this.statusCode = clp.element(2);
		this.chargeCents = amountAt(clp, 3);
		this.paidCents = amountAt(clp, 4);
		this.patientResponsibilityCents = optionalAmountAt(clp, 5);
		this.claimFilingIndicator = textAt(clp, 6);
		this.payerClaimNumber = textAt(clp, 7);
		this.patient = null;
		this.statementFrom = null;
		this.statementTo = null;
		this.segmentNumber = clp.segmentNumber;
		this.open = true;
	}

	build(): ClaimPayment {
		this.open = false;
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
			adjustments: this.adjustments.take(),
			services: this.services.take(),
			segmentNumber: this.segmentNumber,
		};
	}
}
