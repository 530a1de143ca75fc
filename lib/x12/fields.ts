import { X12SyntaxError, elementRef, segmentLabel } from './problems';
import type { SegmentView } from './segmentCursor';
import { SliceMemo } from './sliceMemo';

/** Element text, or null when absent or empty (X12 does not distinguish the two). */
export function textAt(segment: SegmentView, index: number): string | null {
	const value = segment.element(index);
	return value === '' ? null : value;
}

export function fieldError(segment: SegmentView, index: number, detail: string): X12SyntaxError {
	const ref = elementRef(segment.id, index);
	return new X12SyntaxError(
		`${segmentLabel(segment.id, segment.segmentNumber)}: ${ref} ${detail}`,
		segment.id,
		segment.segmentNumber,
		ref,
	);
}

const isoDates = new SliceMemo<string>();
const isoFromD8 = (raw: string): string => `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;

/** CCYYMMDD → yyyy-mm-dd; null when empty; throws on anything else. */
export function dateAt(segment: SegmentView, index: number): string | null {
	const known = segment.recallAt(index, isoDates);
	if (known !== undefined) return known;
	const raw = textAt(segment, index);
	if (raw === null) return null;
	if (raw.length !== 8 || !isDigits(raw)) throw fieldError(segment, index, `malformed date "${raw}"`);
	return isoDates.remember(raw, isoFromD8(raw));
}

/** text[start, end), which dateAt has already accepted, as yyyy-mm-dd: for a date kept as offsets. */
export function isoDateAt(text: string, start: number, end: number): string {
	const known = isoDates.find(text, start, end);
	if (known !== undefined) return known;
	const raw = text.slice(start, end);
	return isoDates.remember(raw, isoFromD8(raw));
}

/** Decimal quantity (units), null when empty. Quantities are counts, not money, so a float is fine. */
export function quantityAt(segment: SegmentView, index: number): number | null {
	const raw = textAt(segment, index);
	if (raw === null) return null;
	const value = Number(raw);
	if (!Number.isFinite(value) || raw.trim() !== raw) throw fieldError(segment, index, `malformed quantity "${raw}"`);
	return value;
}

export function isDigits(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 48 || code > 57) return false;
	}
	return text.length > 0;
}
