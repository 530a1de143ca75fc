import { PortalError } from '../http/portalError';
import type { SandboxState } from '../state';
import type { Appointment, Note, Patient, User } from '../data/types';
import { dollarsToCents, fromPortalDate } from '../util/dates';

/**
 * Readers for the JSON objects the portal receives inside form fields. Each refusal names the
 * field and what was wrong, in the portal's error style.
 */
export type Json = Record<string, unknown>;

export function asObject(value: unknown, field: string): Json {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new PortalError(`'${field}' must be an object.`);
	return value as Json;
}

export function asArray(value: unknown, field: string): unknown[] {
	if (!Array.isArray(value)) throw new PortalError(`'${field}' must be a list.`);
	return value;
}

/** Tabs and line breaks are fine in free text; other C0 control characters are not. */
export function hasControlCharacters(value: string): boolean {
	for (let i = 0; i < value.length; i++) {
		const code = value.charCodeAt(i);
		if (code < 32 && code !== 9 && code !== 10 && code !== 13) return true;
	}
	return false;
}

export function optString(obj: Json, key: string, where: string, max = 500): string | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string') throw new PortalError(`'${where}.${key}' must be text.`);
	if (value.length > max) throw new PortalError(`'${where}.${key}' is longer than ${max} characters.`);
	if (hasControlCharacters(value)) throw new PortalError(`'${where}.${key}' contains control characters.`);
	return value;
}

export function reqString(obj: Json, key: string, where: string, max = 500): string {
	const value = optString(obj, key, where, max);
	if (value === undefined || value.trim() === '') throw new PortalError(`'${where}.${key}' is required.`);
	return value;
}

export function optInt(obj: Json, key: string, where: string): number | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isInteger(n)) throw new PortalError(`'${where}.${key}' must be a whole number.`);
	return n;
}

export function reqInt(obj: Json, key: string, where: string): number {
	const value = optInt(obj, key, where);
	if (value === undefined) throw new PortalError(`'${where}.${key}' is required.`);
	return value;
}

export function optBool(obj: Json, key: string, where: string): boolean | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'boolean') throw new PortalError(`'${where}.${key}' must be true or false.`);
	return value;
}

/** A portal date "MM/DD/YYYY" → ISO, or a refusal naming the field. */
export function optPortalDate(obj: Json, key: string, where: string): string | undefined {
	const value = optString(obj, key, where, 10);
	if (value === undefined || value === '') return undefined;
	const iso = fromPortalDate(value);
	if (!iso) throw new PortalError(`'${where}.${key}' must be a date like 01/31/2026.`);
	return iso;
}

/** Dollars on the wire (number or string, at most two decimals) → cents. */
export function optMoney(obj: Json, key: string, where: string): number | undefined {
	const value = obj[key];
	if (value === undefined || value === null) return undefined;
	const cents = dollarsToCents(value);
	if (cents === null || cents < 0 || cents > 10_000_000) throw new PortalError(`'${where}.${key}' must be an amount like 25.00.`);
	return cents;
}

function notFound(kind: string): PortalError {
	return new PortalError(`The ${kind} could not be found.`, 'NotFound');
}

export function findPatient(state: SandboxState, ref: unknown): Patient {
	const id = typeof ref === 'string' || typeof ref === 'number' ? state.store.resolve('patient', ref) : null;
	const patient = id === null ? undefined : state.store.patients.get(id);
	if (!patient) throw notFound('patient');
	return patient;
}

export function findAppointment(state: SandboxState, ref: unknown): Appointment {
	const id = typeof ref === 'string' || typeof ref === 'number' ? state.store.resolve('appointment', ref) : null;
	const appointment = id === null ? undefined : state.store.appointments.get(id);
	if (!appointment) throw notFound('appointment');
	return appointment;
}

export function findNote(state: SandboxState, ref: unknown): Note {
	const id = typeof ref === 'string' || typeof ref === 'number' ? state.store.resolve('note', ref) : null;
	const note = id === null ? undefined : state.store.notes.get(id);
	if (!note) throw notFound('note');
	return note;
}

export function findClinician(state: SandboxState, id: unknown): User {
	const user = typeof id === 'number' ? state.store.user(id) : undefined;
	if (!user || !user.isClinician) throw new PortalError('The clinician could not be found.', 'NotFound');
	return user;
}

export function clinicianName(user: User | undefined): string {
	return user ? `${user.firstName} ${user.lastName}` : '';
}

/** The standard success answer of a save handler: both identities of the record. */
export function saved(id: number, encryptedId: string, extra: Json = {}): Json {
	return { Success: true, Result: 1, Errors: [], ID: id, EncryptedID: encryptedId, ...extra };
}

export function ok(extra: Json = {}): Json {
	return { Success: true, Result: 1, ...extra };
}

/** Fixed-size pages, as the portal's lists answer. */
export function paginate<T>(items: T[], page: number, pageSize: number): { rows: T[]; pageCount: number } {
	const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
	if (page < 1) throw new PortalError(`'page' must be 1 or more.`);
	return { rows: items.slice((page - 1) * pageSize, page * pageSize), pageCount };
}
