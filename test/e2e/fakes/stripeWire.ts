import { randomBytes } from 'node:crypto';

/** Stripe's wire details shared by the fake's state and its HTTP layer. */

export type Params = Record<string, unknown>;
export type Json = Record<string, unknown>;

export interface Reply {
	status: number;
	body: Json;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);
export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

export const stripeError = (type: string, message: string, extra: Json = {}): Json => ({ error: { type, message, ...extra } });

export const missing = (kind: string, id: string, param: string): Reply => ({
	status: 404,
	body: stripeError('invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param }),
});

/** Objects whose keys are 0, 1, 2… were written as `line_items[0][…]`: Stripe reads them as arrays. */
function arraysFromIndexes(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(arraysFromIndexes);
	if (!value || typeof value !== 'object') return value;
	const entries = Object.entries(value as Params).map(([k, v]) => [k, arraysFromIndexes(v)] as const);
	const indexed = entries.length > 0 && entries.every(([k], i) => k === String(i));
	return indexed ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

/** `metadata[a]=1&expand[]=x&line_items[0][price_data][unit_amount]=5` → nested objects and arrays, as Stripe parses them. */
export function parseStripeForm(body: string): Params {
	const out: Params = {};
	for (const [rawKey, value] of new URLSearchParams(body)) {
		const [head, ...rest] = rawKey.split('[');
		const path = [head, ...rest.map((part) => part.replace(/\]$/, ''))];
		let node = out;
		path.forEach((key, i) => {
			const last = i === path.length - 1;
			if (last && key === '' && i > 0) return; // handled by the parent below
			if (last) node[key] = value;
			else if (path[i + 1] === '' && i + 1 === path.length - 1) node[key] = [...((node[key] as string[]) ?? []), value];
			else node = (node[key] ??= {}) as Params;
		});
	}
	return arraysFromIndexes(out) as Params;
}

/** What looks like PHI in free text: an email, a date (DOB), a phone number, an SSN. */
export function phiSuspects(text: string): string[] {
	const found: string[] = [];
	if (/[^\s@]+@[^\s@]+\.[^\s@]+/.test(text)) found.push('email');
	if (/\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/.test(text)) found.push('date');
	if (/\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\b555-\d{4}\b/.test(text)) found.push('phone');
	if (/\b\d{3}-\d{2}-\d{4}\b/.test(text)) found.push('ssn');
	return found;
}

/** Key order must not matter when comparing a retry with the first request. */
export const canonical = (value: unknown): string =>
	value && typeof value === 'object' && !Array.isArray(value)
		? `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Params)[k])}`).join(',')}}`
		: JSON.stringify(value);

/**
 * Stripe's search query language, the part recipes use: clauses `field:'value'` or
 * `metadata['key']:'value'` joined by AND. Anything else is a 400, so a recipe cannot pass
 * against the fake with a query real Stripe would refuse or read differently.
 */
export function searchPredicate(query: string): ((record: Json) => boolean) | string {
	const clauses = query.trim().split(/\s+AND\s+/);
	const tests: Array<(record: Json) => boolean> = [];
	for (const clause of clauses) {
		const meta = /^metadata\[['"]([^'"]+)['"]\]\s*:\s*['"]([^'"]*)['"]$/.exec(clause);
		const field = /^(status|customer|currency)\s*:\s*['"]([^'"]*)['"]$/.exec(clause);
		if (meta) tests.push((r) => String((r.metadata as Params | undefined)?.[meta[1]] ?? '') === meta[2]);
		else if (field) tests.push((r) => String(r[field[1]] ?? '') === field[2]);
		else return `Unsupported search query in the fake: ${query}`;
	}
	return (record) => tests.every((test) => test(record));
}

export const searchResult = (url: string, data: Json[]): Json => ({ object: 'search_result', url, has_more: false, next_page: null, data });
