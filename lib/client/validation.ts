import type { ZodTypeAny, z } from 'zod';
import { TherapyNotesError } from '../session/errors';

/** Input the caller gave that cannot be sent: names the field and what is wrong. Nothing was sent. */
export class InvalidInputError extends TherapyNotesError {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`'${field}' ${problem}`);
	}
}

export function checkInput<S extends ZodTypeAny>(schema: S, value: unknown, field: string): z.infer<S> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const path = issue.path.length ? `${field}.${issue.path.join('.')}` : field;
	throw new InvalidInputError(path, issue.message);
}

/** What the portal layer mapped must fit the domain schema; a mismatch is our bug, reported loudly. */
export function checkOutput<S extends ZodTypeAny>(schema: S, value: unknown, operation: string): z.infer<S> {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	throw new TherapyNotesError(`Internal mapping error in '${operation}' at '${issue.path.join('.')}': ${issue.message}`);
}
