import { parse835, X12SyntaxError, type Adjustment, type ClaimPayment, type RemittanceTransaction, type ServicePayment } from '../../x12';
import { TherapyNotesError } from '../../session/errors';
import type { EraAdjustment, EraClaimPayment, EraDetail, EraSummary, EraTransaction } from '../schemas/eras';

/** The 835 the portal served cannot be read as X12 at all. */
export class EraFileError extends TherapyNotesError {
	constructor(
		readonly eraId: number,
		detail: string,
	) {
		super(`The 835 of ERA ${eraId} cannot be read: ${detail}`);
	}
}

const adjustmentsOf = (list: readonly Adjustment[]): EraAdjustment[] => list.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents, quantity: a.quantity }));

function lineOf(s: ServicePayment) {
	return {
		procedureQualifier: s.procedureQualifier,
		procedureCode: s.procedureCode,
		modifiers: [...s.modifiers],
		chargeCents: s.chargeCents,
		paidCents: s.paidCents,
		units: s.units,
		serviceDate: s.serviceDate,
		serviceDateEnd: s.serviceDateEnd,
		lineControlNumber: s.lineControlNumber,
		allowedCents: s.allowedCents,
		remarkCodes: [...s.remarkCodes],
		adjustments: adjustmentsOf(s.adjustments),
	};
}

function claimOf(c: ClaimPayment): EraClaimPayment {
	return {
		patientControlNumber: c.patientControlNumber,
		statusCode: c.statusCode,
		chargeCents: c.chargeCents,
		paidCents: c.paidCents,
		patientResponsibilityCents: c.patientResponsibilityCents,
		claimFilingIndicator: c.claimFilingIndicator,
		payerClaimNumber: c.payerClaimNumber,
		patient: c.patient ? { ...c.patient } : null,
		statementFrom: c.statementFrom,
		statementTo: c.statementTo,
		adjustments: adjustmentsOf(c.adjustments),
		serviceLines: c.services.map(lineOf),
	};
}

function transactionOf(t: RemittanceTransaction): EraTransaction {
	const { payment } = t;
	return {
		controlNumber: t.controlNumber,
		payment: { handlingCode: payment.handlingCode, amountCents: payment.amountCents, creditDebit: payment.creditDebit, method: payment.method, date: payment.date, traceNumber: payment.traceNumber, originatorId: payment.originatorId },
		payer: { name: t.payer.name, id: t.payer.id },
		payee: { name: t.payee.name, idQualifier: t.payee.idQualifier, id: t.payee.id, npi: t.payee.npi },
		claims: t.claims.map(claimOf),
		providerAdjustments: t.providerAdjustments.map((p) => ({ providerId: p.providerId, fiscalPeriodDate: p.fiscalPeriodDate, reason: p.reason, reference: p.reference, amountCents: p.amountCents })),
		balanced: t.balanced,
		problems: t.problems.map((p) => p.message),
	};
}

/**
 * Parses the ERA's 835. An uploaded file may carry several payments (one ERA each), so only the
 * transaction with this ERA's trace number is kept; a file whose trace numbers all differ is kept
 * whole rather than dropped, and says so in `problems`.
 */
export function eraDetailOf(era: EraSummary, text: string): EraDetail {
	let parsed;
	try {
		parsed = parse835(text);
	} catch (error) {
		if (error instanceof X12SyntaxError) throw new EraFileError(era.id, error.message);
		throw error;
	}
	const all = parsed.transactions.map(transactionOf);
	const own = all.filter((t) => t.payment.traceNumber === era.traceNumber);
	const transactions = own.length > 0 ? own : all;
	const problems = transactions.flatMap((t) => t.problems);
	if (transactions.length === 0) problems.push('the file holds no 835 transaction');
	if (own.length === 0 && all.length > 0) problems.push(`no transaction carries the ERA's trace number ${era.traceNumber}`);
	return { era, transactions, balanced: problems.length === 0 && transactions.every((t) => t.balanced), problems };
}
