import { PortalError } from '../http/portalError';
import type { Era, EraClaimPayment } from '../data/types';
import type { SandboxState } from '../state';
import { balanceProblems } from '../x12/balance';
import { X12FormatError, type ClaimPayment, type Interchange, type Remittance } from '../x12/model';
import { read835 } from '../x12/read835';
import { claimIdFor } from './erasRemittance';

const STORABLE_STATUS_CODES = new Set(['1', '2', '4', '22']);

function readFile(content: string): Interchange {
	let interchange: Interchange;
	try {
		interchange = read835(content);
	} catch (error) {
		if (error instanceof X12FormatError) throw new PortalError(`The file is not a valid 835: ${error.message}`, 'InvalidFile');
		throw error;
	}
	const problems = interchange.remittances.flatMap(balanceProblems);
	if (problems.length > 0) throw new PortalError(`The 835 does not balance: ${problems.slice(0, 3).join(' ')}`, 'InvalidFile');
	return interchange;
}

function payerIdFor(state: SandboxState, remittance: Remittance): number {
	const byId = state.store.payers.find((p) => remittance.payer.electronicId !== null && p.electronicPayerId === remittance.payer.electronicId);
	const byName = state.store.payers.find((p) => p.name.toLowerCase() === remittance.payer.name.toLowerCase());
	return (byId ?? byName)?.id ?? 0;
}

function paymentRecord(claimId: number, claim: ClaimPayment): EraClaimPayment {
	if (!STORABLE_STATUS_CODES.has(claim.statusCode)) {
		throw new PortalError(`CLP02 '${claim.statusCode}' of claim ${claimId} is not supported by the sandbox; use 1, 2, 4 or 22.`, 'InvalidFile');
	}
	return {
		claimId,
		statusCode: claim.statusCode as EraClaimPayment['statusCode'],
		chargeCents: claim.chargeCents,
		paidCents: claim.paidCents,
		patientResponsibilityCents: claim.patientResponsibilityCents,
		adjustments: [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)].map((a) => ({ ...a })),
		...(claim.payerClaimNumber ? { payerClaimNumber: claim.payerClaimNumber } : {}),
	};
}

interface Upload {
	fileName: string;
	content: string;
	now: string;
}

function buildUploadedEra(state: SandboxState, remittance: Remittance, index: number, upload: Upload): Era {
	const payerId = payerIdFor(state, remittance);
	const claimPayments: EraClaimPayment[] = [];
	const unmatched: string[] = [];
	for (const claim of remittance.claims) {
		const claimId = claimIdFor(state, claim.patientControlNumber);
		if (claimId === null) unmatched.push(claim.patientControlNumber);
		else claimPayments.push(paymentRecord(claimId, claim));
	}
	return {
		id: 0, encryptedId: '', payerId, traceNumber: remittance.traceNumber, checkDate: remittance.paymentDate,
		receivedAt: upload.now, amountCents: remittance.paymentCents, status: 'Unprocessed', claimPayments,
		uploadedText: upload.content, uploadedIndex: index, fileName: upload.fileName,
		...(payerId === 0 ? { payerName: remittance.payer.name } : {}), unmatchedClaimNumbers: unmatched,
	};
}

/**
 * Stores each payment (ST..SE) of an uploaded 835 as an ERA. A payment whose trace number
 * (TRN02) is already on file is discarded as a duplicate, as the portal does; the whole file is
 * checked before anything is stored, so a bad file stores nothing.
 */
export function uploadEras(state: SandboxState, upload: Upload) {
	const interchange = readFile(upload.content);
	const pending = interchange.remittances.map((remittance, index) => buildUploadedEra(state, remittance, index, upload));
	const stored: Era[] = [];
	const duplicates: { TraceNumber: string; ExistingID: number; ExistingEncryptedID: string }[] = [];
	for (const era of pending) {
		const existing = [...state.store.eras.values()].find((e) => e.traceNumber === era.traceNumber);
		if (existing) {
			duplicates.push({ TraceNumber: era.traceNumber, ExistingID: existing.id, ExistingEncryptedID: existing.encryptedId });
			continue;
		}
		era.id = state.store.nextId('era');
		era.encryptedId = state.store.encryptedIdFor('era', era.id);
		state.store.eras.set(era.id, era);
		state.store.record('upload', 'era', era.id, upload.now);
		stored.push(era);
	}
	return { stored, duplicates, unknownClaimNumbers: stored.flatMap((e) => e.unmatchedClaimNumbers ?? []) };
}
