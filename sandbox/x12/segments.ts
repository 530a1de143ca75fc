import { X12FormatError } from './model';

/** Delimiters the ISA segment declares; the sandbox writes the common ones. */
export interface Delimiters {
	element: string;
	component: string;
	repetition: string;
	segment: string;
}

export const DEFAULT_DELIMITERS: Delimiters = { element: '*', component: ':', repetition: '^', segment: '~' };

/** One element: plain text, or a composite given as its components. */
export type Element = string | string[] | undefined | null;

/** X12 has no escaping, so a delimiter inside a value would split it; such characters become spaces. */
function clean(value: string, d: Delimiters): string {
	let out = '';
	for (const ch of value) out += ch === d.element || ch === d.component || ch === d.repetition || ch === d.segment || ch === '\r' || ch === '\n' ? ' ' : ch;
	return out.trim();
}

/** "ID*a*b" with trailing empty elements dropped, as the standard requires. */
export function segment(id: string, elements: Element[], d: Delimiters = DEFAULT_DELIMITERS): string {
	const texts = elements.map((e) => (Array.isArray(e) ? withoutTrailingEmpties(e.map((c) => clean(c, d))).join(d.component) : clean(e ?? '', d)));
	return [id, ...withoutTrailingEmpties(texts)].join(d.element);
}

function withoutTrailingEmpties(parts: string[]): string[] {
	let end = parts.length;
	while (end > 0 && parts[end - 1] === '') end--;
	return parts.slice(0, end);
}

/** ISA fields are fixed width: left-justified text padded with spaces, numbers padded with zeros. */
export function fixed(value: string, width: number): string {
	return value.slice(0, width).padEnd(width, ' ');
}

export function zeroPadded(value: number, width: number): string {
	return String(value).padStart(width, '0').slice(-width);
}

export const ISA_LENGTH = 106;
/** Widths of ISA01..ISA16. */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1];

/** The delimiters an interchange declares in its fixed-width ISA, or a refusal. */
export function readDelimiters(text: string): Delimiters {
	if (!text.startsWith('ISA') || text.length < ISA_LENGTH) throw new X12FormatError('The file does not start with a 106-character ISA segment.');
	const element = text[3];
	let at = 3;
	for (const width of ISA_WIDTHS) {
		if (text[at] !== element) throw new X12FormatError('The ISA segment is not fixed-width (it must be exactly 106 characters).');
		at += width + 1;
	}
	const d = { element, repetition: text[82], component: text[104], segment: text[105] };
	if (/[A-Za-z0-9 ]/.test(d.segment) || d.segment === element) throw new X12FormatError('The ISA segment does not end with a segment terminator at position 106.');
	return d;
}

/** Splits an interchange into segments of elements; whitespace between segments is ignored. */
export function tokenize(text: string): { delimiters: Delimiters; segments: string[][] } {
	const body = text.replace(/^\uFEFF/, '').trimStart();
	const delimiters = readDelimiters(body);
	const segments = body
		.split(delimiters.segment)
		.map((s) => s.replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, ''))
		.filter((s) => s !== '')
		.map((s) => s.split(delimiters.element));
	return { delimiters, segments };
}
