import { z, type ZodTypeAny } from 'zod';
import { PortalChangedError, PortalRefusalError } from '../session/errors';
import type { HttpResponse } from '../session/transport';

/** The refusal every handler may answer with instead of its normal shape. */
const refusalSchema = z.object({
	Success: z.literal(false),
	ErrorMessage: z.string().optional(),
	ErrorCode: z.string().optional(),
	Errors: z.array(z.string()).optional(),
}).passthrough();

const REFUSAL_KEYS = new Set(['Success', 'Result', 'ErrorMessage', 'ErrorCode', 'Errors']);

function fieldPath(issue: z.ZodIssue): string {
	return issue.path.length ? issue.path.join('.') : '(answer)';
}

/**
 * Parses a JSON answer with its zod schema. A refusal becomes PortalRefusalError; anything else
 * that does not fit becomes PortalChangedError naming the handler and the first field that broke.
 */
export function parseJson<S extends ZodTypeAny>(operation: string, schema: S, response: HttpResponse): z.infer<S> {
	let value: unknown;
	try {
		value = JSON.parse(response.body);
	} catch {
		throw new PortalChangedError(operation, '(answer)', 'not JSON');
	}
	const refusal = refusalSchema.safeParse(value);
	if (refusal.success) {
		const { ErrorMessage, ErrorCode, Errors } = refusal.data;
		const details = Object.fromEntries(Object.entries(refusal.data).filter(([key]) => !REFUSAL_KEYS.has(key)));
		throw new PortalRefusalError(operation, ErrorCode ?? 'Refused', ErrorMessage ?? Errors?.[0] ?? 'no reason given', details);
	}
	const parsed = schema.safeParse(value);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new PortalChangedError(operation, fieldPath(issue), issue.message);
	}
	return parsed.data;
}

/** For answers that are text (an 835 download): only the content type is checked. */
export function parseText(operation: string, response: HttpResponse, expected: RegExp): string {
	const type = String(response.headers['content-type'] ?? '');
	if (!expected.test(type)) throw new PortalChangedError(operation, 'content-type', `expected ${expected.source}, got ${type || 'none'}`);
	return response.body;
}
