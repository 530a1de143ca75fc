import type { SandboxState } from '../state';

/**
 * Things a person does in the portal's UI that tests need to cause (mark a no-show, sign a note,
 * adjudicate claims). They change records exactly as the UI would, so triggers see real changes.
 */
export type AdminAction = (state: SandboxState, body: Record<string, unknown>, now: string) => unknown;

export class AdminInputError extends Error {}

export function need<T>(value: T | undefined | null, field: string, what: string): T {
	if (value === undefined || value === null) throw new AdminInputError(`${field} ${what}`);
	return value;
}

export function numberField(body: Record<string, unknown>, field: string): number {
	const value = body[field];
	if (typeof value !== 'number' || !Number.isInteger(value)) throw new AdminInputError(`${field} must be a whole number`);
	return value;
}
