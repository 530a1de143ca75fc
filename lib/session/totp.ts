import { authenticator } from 'otplib';
import { LoginError } from './errors';

export const TOTP_STEP_SECONDS = 30;
/** A code this close to the end of its step may expire before the portal checks it. */
const MIN_REMAINING_MS = 3_000;

export interface TotpClock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const realClock: TotpClock = {
	now: () => Date.now(),
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function normaliseSecret(secret: string): string {
	const clean = secret.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
	if (!/^[A-Z2-7]{16,128}$/.test(clean)) throw new LoginError('totp-secret');
	return clean;
}

/**
 * Produces a code the portal will accept: waits for the next 30 s step when the current one is
 * nearly over, and never hands out a code of a step already used (the portal refuses replays).
 */
export async function nextTotpCode(
	secret: string,
	lastUsedStep: number | null,
	clock: TotpClock = realClock,
): Promise<{ code: string; step: number }> {
	const key = normaliseSecret(secret);
	let now = clock.now();
	let step = Math.floor(now / 1000 / TOTP_STEP_SECONDS);
	const remaining = (step + 1) * TOTP_STEP_SECONDS * 1000 - now;
	if (remaining < MIN_REMAINING_MS || (lastUsedStep !== null && step <= lastUsedStep)) {
		const target = Math.max(step + 1, (lastUsedStep ?? -1) + 1);
		await clock.sleep(target * TOTP_STEP_SECONDS * 1000 - now + 50);
		now = clock.now();
		step = Math.floor(now / 1000 / TOTP_STEP_SECONDS);
	}
	const code = authenticator.clone({ epoch: step * TOTP_STEP_SECONDS * 1000, step: TOTP_STEP_SECONDS, digits: 6 }).generate(key);
	return { code, step };
}
