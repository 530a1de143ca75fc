import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP written here from the RFC (HMAC-SHA1, 30 s, 6 digits), independent of the
 * otplib the client uses, so a bug in one cannot hide behind the same bug in the other.
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_STEP_SECONDS = 30;

export function base32Decode(secret: string): Buffer {
	const clean = secret.replace(/=+$/, '').replace(/\s+/g, '').toUpperCase();
	let bits = 0;
	let value = 0;
	const out: number[] = [];
	for (const char of clean) {
		const index = BASE32.indexOf(char);
		if (index < 0) throw new Error('invalid base32');
		value = (value << 5) | index;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

export function totpAt(secret: string, step: number): string {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(step));
	const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return String(binary).padStart(6, '0');
}

export function currentStep(nowMs = Date.now()): number {
	return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** The step a code belongs to, allowing one step of clock drift either way; null if none. */
export function matchingStep(secret: string, code: string, nowMs = Date.now()): number | null {
	if (!/^\d{6}$/.test(code)) return null;
	const now = currentStep(nowMs);
	for (const step of [now, now - 1, now + 1]) {
		if (totpAt(secret, step) === code) return step;
	}
	return null;
}
