import { fieldError } from './fields';
import type { SegmentView } from './segmentCursor';

const MINUS = 45;
const POINT = 46;
const ZERO = 48;
const NINE = 57;
/** 13 whole digits keep whole * 100 below 2^53, so integer arithmetic stays exact. */
const MAX_WHOLE_DIGITS = 13;

/**
 * Reads an X12 decimal ("R" type) as integer cents without floating point:
 * "123.4" → 12340, "-5" → -500, ".5" → 50. Returns undefined when the text is
 * not a decimal, or when it carries a fraction of a cent ("1.005"); extra
 * trailing zeros ("1.500") are exact and accepted.
 */
export function decimalToCents(raw: string, start = 0, end = raw.length): number | undefined {
	// start/end let a cursor read an amount in place, without cutting a string for it.
	let i = end > start && raw.charCodeAt(start) === MINUS ? start + 1 : start;
	const negative = i > start;
	let whole = 0;
	let wholeDigits = 0;
	let fraction = 0;
	let fractionDigits = 0;
	let seenPoint = false;
	for (; i < end; i++) {
		const code = raw.charCodeAt(i);
		if (code >= ZERO && code <= NINE) {
			const digit = code - ZERO;
			if (!seenPoint) {
				whole = whole * 10 + digit;
				wholeDigits++;
			} else if (fractionDigits < 2) {
				fraction = fraction * 10 + digit;
				fractionDigits++;
			} else if (digit !== 0) {
				return undefined;
			}
		} else if (code === POINT && !seenPoint) {
			seenPoint = true;
		} else {
			return undefined;
		}
	}
	if (wholeDigits + fractionDigits === 0 || wholeDigits > MAX_WHOLE_DIGITS) return undefined;
	const cents = whole * 100 + (fractionDigits === 1 ? fraction * 10 : fraction);
	return negative && cents !== 0 ? -cents : cents;
}

/** Writes integer cents as the shortest exact X12 decimal: 15000 → "150", 12340 → "123.4". */
export function centsToDecimal(cents: number): string {
	if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	const whole = Math.floor(abs / 100);
	const fraction = abs % 100;
	if (fraction === 0) return `${sign}${whole}`;
	if (fraction % 10 === 0) return `${sign}${whole}.${fraction / 10}`;
	return `${sign}${whole}.${fraction < 10 ? '0' : ''}${fraction}`;
}

/** Required amount at segment element `index`; throws naming the segment and element. */
export function amountAt(segment: SegmentView, index: number): number {
	const cents = segment.cents(index);
	if (cents === null) throw fieldError(segment, index, 'missing amount');
	if (cents === undefined) throw fieldError(segment, index, `malformed amount "${segment.element(index)}"`);
	return cents;
}

/** Optional amount: null when the element is absent or empty. */
export function optionalAmountAt(segment: SegmentView, index: number): number | null {
	return segment.element(index) === '' ? null : amountAt(segment, index);
}
