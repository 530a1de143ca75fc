import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt } from 'node:crypto';
import { credentialFingerprint } from '../session/login';
import type { LoginCredentials } from '../session/protocol';

/**
 * Keys for what one n8n process hands another through Redis (a fresh session, or a refusal).
 * Every process that holds the credential derives the same keys from its own secret fields, so
 * Redis never holds anything readable: not the session, not even a hash that an offline guess of
 * the password could be checked against quickly (scrypt makes each guess cost ~16 MB and ~50 ms).
 */

export interface HandOffKeys {
	/** Names the Redis keys of this credential; reveals nothing about it. */
	id: string;
	key: Buffer;
}

const SALT = 'n8n-nodes-therapynotes/cross-process-login/v1';
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const derived = new Map<string, Promise<HandOffKeys>>();

export function handOffKeysFor(credentials: LoginCredentials): Promise<HandOffKeys> {
	const fingerprint = credentialFingerprint(credentials);
	let keys = derived.get(fingerprint);
	if (!keys) {
		const secret = [credentials.baseUrl, credentials.practiceCode, credentials.username, credentials.password, credentials.totpSecret ?? ''].join('\u0000');
		keys = new Promise<Buffer>((done, fail) => scrypt(secret, SALT, 32, SCRYPT, (error, key) => (error ? fail(error) : done(key)))).then((key) => ({
			key,
			id: createHmac('sha256', key).update('redis-key-name').digest('hex').slice(0, 32),
		}));
		keys.catch(() => derived.delete(fingerprint));
		derived.set(fingerprint, keys);
	}
	return keys;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM; the key id is bound as associated data, so a value cannot be moved between keys. */
export function seal(keys: HandOffKeys, payload: unknown): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', keys.key, iv);
	cipher.setAAD(Buffer.from(keys.id));
	const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
	return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

/** The payload, or null for anything not sealed with these keys (tampered, other credential, garbage). */
export function unseal(keys: HandOffKeys, text: string): unknown {
	try {
		const raw = Buffer.from(text, 'base64');
		if (raw.length <= IV_BYTES + TAG_BYTES) return null;
		const decipher = createDecipheriv('aes-256-gcm', keys.key, raw.subarray(0, IV_BYTES));
		decipher.setAAD(Buffer.from(keys.id));
		decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
		return JSON.parse(plain.toString('utf8')) as unknown;
	} catch {
		return null;
	}
}
