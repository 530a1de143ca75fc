import { randomToken } from '../util/ids';
import type { Clock } from '../http/clock';

export interface Session {
	sid: string;
	userId: number;
	createdMs: number;
	lastSeenMs: number;
	tnrac: string | null;
	ended: 'other-login' | 'expired' | 'logout' | null;
}

export type SessionCheck = { ok: true; session: Session } | { ok: false; reason: 'missing' | 'other-login' | 'expired' | 'logout' };

const LOCK_WINDOW_MS = 15 * 60_000;
const LOCK_AFTER_FAILURES = 5;
const REMEMBER_DEVICE_MS = 30 * 24 * 60 * 60_000;

/**
 * Session, lockout and remembered-device state. One live session per user: creating a session
 * ends the user's previous one, as the portal does.
 */
export class SessionRegistry {
	private sessions = new Map<string, Session>();
	private activeByUser = new Map<number, string>();
	private failures = new Map<number, number[]>();
	private lockedUntil = new Map<number, number>();
	private devices = new Map<string, { userId: number; expiresMs: number }>();
	private lastTotpStep = new Map<number, number>();
	private pendingTwoFactor = new Map<string, { userId: number; expiresMs: number }>();
	private loginNonces = new Set<string>();

	constructor(
		private readonly clock: Clock,
		private idleTimeoutMs: number,
	) {}

	setIdleTimeoutMinutes(minutes: number): void {
		this.idleTimeoutMs = minutes * 60_000;
	}

	create(userId: number): { session: Session; endedPrevious: boolean } {
		const previous = this.activeByUser.get(userId);
		const previousSession = previous ? this.sessions.get(previous) : undefined;
		const endedPrevious = Boolean(previousSession && previousSession.ended === null);
		if (previousSession && previousSession.ended === null) previousSession.ended = 'other-login';
		const now = this.clock.nowMs();
		const session: Session = { sid: randomToken(18), userId, createdMs: now, lastSeenMs: now, tnrac: null, ended: null };
		this.sessions.set(session.sid, session);
		this.activeByUser.set(userId, session.sid);
		return { session, endedPrevious };
	}

	/** Looks a session up and touches it; idle expiry is checked against the virtual clock. */
	check(sid: string | undefined): SessionCheck {
		const session = sid ? this.sessions.get(sid) : undefined;
		if (!session) return { ok: false, reason: 'missing' };
		if (session.ended) return { ok: false, reason: session.ended };
		const now = this.clock.nowMs();
		if (now - session.lastSeenMs > this.idleTimeoutMs) {
			session.ended = 'expired';
			return { ok: false, reason: 'expired' };
		}
		session.lastSeenMs = now;
		return { ok: true, session };
	}

	end(sid: string, reason: 'expired' | 'logout'): void {
		const session = this.sessions.get(sid);
		if (session && !session.ended) session.ended = reason;
	}

	expireAll(): number {
		let count = 0;
		for (const session of this.sessions.values()) {
			if (!session.ended) {
				session.ended = 'expired';
				count++;
			}
		}
		return count;
	}

	isLocked(userId: number): boolean {
		return (this.lockedUntil.get(userId) ?? 0) > this.clock.nowMs();
	}

	/** Records a failed login; returns true when this failure locks the account. */
	recordFailure(userId: number): boolean {
		const now = this.clock.nowMs();
		const recent = (this.failures.get(userId) ?? []).filter((t) => now - t < LOCK_WINDOW_MS);
		recent.push(now);
		this.failures.set(userId, recent);
		if (recent.length >= LOCK_AFTER_FAILURES) {
			this.lockedUntil.set(userId, now + LOCK_WINDOW_MS);
			this.failures.set(userId, []);
			return true;
		}
		return false;
	}

	clearFailures(userId: number): void {
		this.failures.delete(userId);
	}

	rememberDevice(userId: number): string {
		const token = randomToken(24);
		this.devices.set(token, { userId, expiresMs: this.clock.nowMs() + REMEMBER_DEVICE_MS });
		return token;
	}

	isRememberedDevice(token: string | undefined, userId: number): boolean {
		const device = token ? this.devices.get(token) : undefined;
		return Boolean(device && device.userId === userId && device.expiresMs > this.clock.nowMs());
	}

	/** A TOTP step may be used once per user: a replayed code is refused. */
	claimTotpStep(userId: number, step: number): boolean {
		if (step <= (this.lastTotpStep.get(userId) ?? -1)) return false;
		this.lastTotpStep.set(userId, step);
		return true;
	}

	startTwoFactor(userId: number): string {
		const token = randomToken(18);
		this.pendingTwoFactor.set(token, { userId, expiresMs: this.clock.nowMs() + 5 * 60_000 });
		return token;
	}

	pendingTwoFactorUser(token: string | undefined): number | null {
		const pending = token ? this.pendingTwoFactor.get(token) : undefined;
		return pending && pending.expiresMs > this.clock.nowMs() ? pending.userId : null;
	}

	finishTwoFactor(token: string): void {
		this.pendingTwoFactor.delete(token);
	}

	issueLoginNonce(): string {
		const nonce = randomToken(16);
		this.loginNonces.add(nonce);
		if (this.loginNonces.size > 10_000) this.loginNonces.delete(this.loginNonces.values().next().value as string);
		return nonce;
	}

	hasLoginNonce(nonce: string | undefined): boolean {
		return Boolean(nonce && this.loginNonces.has(nonce));
	}

	activeSessionCount(): number {
		let count = 0;
		for (const session of this.sessions.values()) if (!session.ended) count++;
		return count;
	}
}

export const REMEMBER_DEVICE_SECONDS = REMEMBER_DEVICE_MS / 1000;
