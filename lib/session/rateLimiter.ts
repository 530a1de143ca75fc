/**
 * A token bucket shared by every request of one session: the portal is one practice's production
 * system, so we pace ourselves below what a busy person clicking around would cause.
 */
export class RateLimiter {
	private tokens: number;
	private last: number;
	private queue: Promise<void> = Promise.resolve();

	constructor(
		private readonly perSecond: number,
		private readonly burst = Math.max(1, Math.ceil(perSecond)),
		private readonly now: () => number = () => Date.now(),
	) {
		if (!(perSecond > 0)) throw new RangeError('requests per second must be more than 0');
		this.tokens = this.burst;
		this.last = this.now();
	}

	/** Resolves when the caller may send; callers are served in arrival order. */
	take(): Promise<void> {
		const turn = this.queue.then(() => this.waitForToken());
		this.queue = turn;
		return turn;
	}

	private async waitForToken(): Promise<void> {
		for (;;) {
			const now = this.now();
			this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
			this.last = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)));
		}
	}
}
