/**
 * What a newest-first scan may assume about the portal's clock. Sort keys are practice-local wall
 * times ("2026-11-27T06:00", or a day), read here as if they were UTC. The practice's zone is not
 * trusted from n8n's settings (a zone set ahead of the practice would hide changes); instead a lower
 * bound of (practice wall time − this machine's clock) is learned from the keys seen: a row read at
 * time t carries a key no later than the practice's time at t.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Every zone in use lies between UTC−12:00 and UTC+14:00. */
const LOWEST_OFFSET = -12 * HOUR;
const HIGHEST_OFFSET = 14 * HOUR;

/**
 * Slack for the learned bound: a daylight-saving change moves practice time back an hour while the
 * bound only rises, plus a few minutes of drift between this machine's clock and the portal's.
 */
export const SETTLE_MARGIN = 65 * MINUTE;

/**
 * How fast a kept bound falls back between polls (a quarter of the time since the last poll): fresh
 * keys raise it again at once, and a bound raised too far (this machine's clock slow for a poll, a
 * key stamped ahead of the portal's clock) cannot hide same-minute changes for long.
 */
const DECAY_PER_MS = 1 / 4;

/** The span of wall time a sort key covers, in ms of practice wall time read as UTC. */
export interface KeyPeriod {
	start: number;
	end: number;
}

function period(iso: string, length: number): KeyPeriod | undefined {
	const start = Date.parse(iso);
	return Number.isFinite(start) ? { start, end: start + length } : undefined;
}

/** Keys like "2026-11-27T06:00" (a status, signature or entry time, to the minute). */
export const minuteKeyPeriod = (key: string | number): KeyPeriod | undefined =>
	typeof key === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(key) ? period(`${key.slice(0, 16)}:00Z`, MINUTE) : undefined;

/** Keys like "2026-11-27" (a received date). */
export const dayKeyPeriod = (key: string | number): KeyPeriod | undefined => (typeof key === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(key) ? period(`${key}T00:00:00Z`, DAY) : undefined);

export class PracticeClock {
	private constructor(private offset: number) {}

	/** From the bound kept in a trigger's state; with none, the widest any zone allows. */
	static fromState(offset: unknown): PracticeClock {
		return new PracticeClock(typeof offset === 'number' && Number.isFinite(offset) ? clampOffset(offset) : LOWEST_OFFSET);
	}

	/** The same bound, lowered for the time since it was kept (see DECAY_PER_MS). */
	decayed(elapsedMs: number): PracticeClock {
		return new PracticeClock(clampOffset(this.offset - Math.max(0, elapsedMs) * DECAY_PER_MS));
	}

	/** The bound to keep for the next poll. */
	get learnedOffset(): number {
		return this.offset;
	}

	/** A row with this key was on a page that arrived at `readAt` (this machine's clock). */
	learn(key: KeyPeriod | undefined, readAt: number): void {
		if (key) this.offset = clampOffset(Math.max(this.offset, key.start - readAt));
	}

	/**
	 * True when no change made after `at` (this machine's clock) can carry the key: its period ended
	 * before the practice's clock could have shown `at`. Unknown periods are never settled.
	 */
	settledBy(key: KeyPeriod | undefined, at: number): boolean {
		return key !== undefined && key.end <= at + this.offset - SETTLE_MARGIN;
	}
}

function clampOffset(offset: number): number {
	return Math.min(HIGHEST_OFFSET, Math.max(LOWEST_OFFSET, offset));
}
