import { isoDate, isoDateTime, parseIsoLocal } from '../util/dates';

/**
 * The sandbox's virtual clock. Idle timeouts, lockouts and "remembered device" expiry read it, so
 * tests can move time forward with POST /__sandbox/clock instead of waiting. TOTP codes use real
 * time, because the client computes them from its own clock. Practice-local time is modelled as UTC.
 * A sandbox seeded for another day (`--today`) starts its clock on that day at the real time of
 * day, so what it stamps (signatures, received dates) agrees with the data it seeded.
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

	/** Back to real time, moved by whole days to `today` when given. */
	reset(today?: string): void {
		const realDay = isoDate(new Date());
		this.offsetMs = today ? parseIsoLocal(today).getTime() - parseIsoLocal(realDay).getTime() : 0;
	}
}
