import { isoDateTime } from '../util/dates';

/**
 * The sandbox's virtual clock. Idle timeouts, lockouts and "remembered device" expiry read it, so
 * tests can move time forward with POST /__sandbox/clock instead of waiting. TOTP codes use real
 * time, because the client computes them from its own clock. Practice-local time is modelled as UTC.
 */
export class Clock {
	private offsetMs = 0;

	nowMs(): number {
		return Date.now() + this.offsetMs;
	}

	nowIso(): string {
		return isoDateTime(new Date(this.nowMs()));
	}

	advance(ms: number): void {
		this.offsetMs += ms;
	}

	reset(): void {
		this.offsetMs = 0;
	}
}
