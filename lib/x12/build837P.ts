import { parseClaimBatch, type ClaimBatch, type ClaimBatchInput } from './claimBatchSchema';
import { COMPONENT, writeBillingProvider, writeClaimHierarchy, writeSubmitterAndReceiver } from './loops837P';
import type { X12Problem } from './problems';
import { SegmentWriter } from './segmentWriter';
import { validate837P } from './validate837P';

export const IMPLEMENTATION_837P = '005010X222A1';
const ELEMENT = '*';
const REPETITION = '^';
const TERMINATOR = '~';

export interface Build837POptions {
	/** Put a newline after each "~" so the file reads one segment a line. */
	newlineAfterTerminator?: boolean;
}

/** The generated text failed validate837P: a builder bug, never bad input (the schema catches that). */
export class X12ValidationError extends Error {
	constructor(readonly problems: X12Problem[]) {
		super(`Generated 837P is invalid: ${problems.map((problem) => problem.message).join('; ')}`);
		this.name = 'X12ValidationError';
	}
}

/**
 * Builds one interchange (ISA…IEA) holding one functional group and one 837P
 * transaction set with every claim of the batch. Throws ClaimBatchError naming
 * the input field when the batch is invalid.
 */
export function build837P(batch: ClaimBatchInput, options: Build837POptions = {}): string {
	const parsed = parseClaimBatch(batch);
	const text = write837P(parsed, options);
	const { problems } = validate837P(text);
	if (problems.length > 0) throw new X12ValidationError(problems);
	return text;
}

function write837P(batch: ClaimBatch, options: Build837POptions): string {
	const w = new SegmentWriter(ELEMENT, options.newlineAfterTerminator ? `${TERMINATOR}\n` : TERMINATOR);
	const { date, time } = utcStamp(batch.createdAt ?? new Date());
	const interchangeNumber = String(batch.interchangeControlNumber).padStart(9, '0');
	const groupNumber = String(batch.groupControlNumber);
	w.add('ISA', ...interchangeHeader(batch, date, time, interchangeNumber));
	w.add('GS', 'HC', batch.submitter.id, batch.receiver.id, date, time, groupNumber, 'X', IMPLEMENTATION_837P);
	const transactionStart = w.count;
	w.add('ST', '837', batch.transactionControlNumber, IMPLEMENTATION_837P);
	// BHT02 00 = original transmission; BHT06 CH = chargeable (fee-for-service).
	w.add('BHT', '0019', '00', groupNumber, date, time, 'CH');
	writeSubmitterAndReceiver(w, batch);
	writeBillingProvider(w, batch.billingProvider);
	let hl = 1;
	for (const claim of batch.claims) hl = writeClaimHierarchy(w, claim, hl);
	w.add('SE', String(w.count - transactionStart + 1), batch.transactionControlNumber);
	w.add('GE', '1', groupNumber);
	w.add('IEA', '1', interchangeNumber);
	return w.toString();
}

/** ISA01–ISA16; fixed widths make the segment exactly 106 characters with its terminator. */
function interchangeHeader(batch: ClaimBatch, date: string, time: string, interchangeNumber: string): string[] {
	const noAuthorization = ' '.repeat(10);
	return [
		'00', noAuthorization, '00', noAuthorization,
		'ZZ', batch.submitter.id.padEnd(15, ' '),
		'ZZ', batch.receiver.id.padEnd(15, ' '),
		date.slice(2), time, REPETITION, '00501', interchangeNumber,
		'0', batch.usage, COMPONENT,
	];
}

function utcStamp(at: Date): { date: string; time: string } {
	const iso = at.toISOString();
	return { date: iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10), time: iso.slice(11, 13) + iso.slice(14, 16) };
}
