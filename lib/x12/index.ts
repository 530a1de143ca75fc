export { tokenize, readDelimiters, Segment, SegmentCursor } from './tokenizer';
export type { Delimiters, SegmentView, Interchange, TokenizedX12 } from './tokenizer';
export { parse835 } from './parse835';
export type * from './remittanceTypes';
export { build837P, X12ValidationError, IMPLEMENTATION_837P } from './build837P';
export type { Build837POptions } from './build837P';
export { validate837P } from './validate837P';
export type { ValidationResult } from './validate837P';
export { ClaimBatchSchema, ClaimSchema, ServiceLineSchema, ClaimBatchError, parseClaimBatch } from './claimBatchSchema';
export type {
	ClaimBatchInput,
	ClaimBatch,
	Claim,
	ServiceLine,
	Subscriber,
	Patient,
	Address,
	BillingProvider,
} from './claimBatchSchema';
export { decimalToCents, centsToDecimal } from './money';
export { isValidNpi } from './npi';
export { X12SyntaxError } from './problems';
export type { X12Problem } from './problems';
