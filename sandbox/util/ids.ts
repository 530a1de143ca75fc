import { createHmac, randomBytes } from 'node:crypto';

/**
 * The portal's opaque record id: 16–22 URL-safe characters. Derived from a per-sandbox key so
 * it is stable for a seed but cannot be guessed from the numeric ID.
 */
export function makeEncryptedId(key: string, kind: string, id: number): string {
	return createHmac('sha256', key).update(`${kind}:${id}`).digest('base64url').slice(0, 20);
}

export function randomToken(bytes = 24): string {
	return randomBytes(bytes).toString('base64url');
}
