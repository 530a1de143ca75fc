import { backoffDelay, DEFAULT_RETRY, retryAfterMs } from '../../../lib/session/retry';
import { RateLimiter } from '../../../lib/session/rateLimiter';
import { decodeState, emptyState, encodeState } from '../../../lib/session/state';
import { credentialFingerprint } from '../../../lib/session/login';
import { loginFailure } from '../../../lib/portal/login';
import { formatAuditLine } from '../../../lib/session/audit';

describe('retry policy', () => {
	test('full jitter stays within [0, min(max, base·2^attempt))', () => {
		expect(backoffDelay(DEFAULT_RETRY, 0, () => 0.999)).toBeLessThan(250);
		expect(backoffDelay(DEFAULT_RETRY, 3, () => 0.999)).toBe(1_998);
		expect(backoffDelay(DEFAULT_RETRY, 10, () => 0.999)).toBeLessThan(8_000);
		expect(backoffDelay(DEFAULT_RETRY, 10, () => 0)).toBe(0);
	});

	test('Retry-After in seconds or as an HTTP date', () => {
		expect(retryAfterMs('7')).toBe(7_000);
		expect(retryAfterMs('Thu, 26 Nov 2026 10:00:30 GMT', Date.parse('Thu, 26 Nov 2026 10:00:00 GMT'))).toBe(30_000);
		expect(retryAfterMs(undefined)).toBeNull();
		expect(retryAfterMs('soon')).toBeNull();
	});
});

describe('rate limiter', () => {
	test('lets a burst through, then paces at the configured rate', async () => {
		const limiter = new RateLimiter(20, 2);
		const started = Date.now();
		for (let i = 0; i < 6; i++) await limiter.take();
		const elapsed = Date.now() - started;
		expect(elapsed).toBeGreaterThanOrEqual(180);
		expect(elapsed).toBeLessThan(1_000);
	});

	test('refuses a rate of zero', () => {
		expect(() => new RateLimiter(0)).toThrow(/more than 0/);
	});
});

describe('stored session state', () => {
	const credentials = { baseUrl: 'http://x', practiceCode: 'P', username: 'u', password: 'p', loginMethod: 'http' as const };

	test('round-trips, and is discarded when the credentials changed or it is unreadable', () => {
		const fingerprint = credentialFingerprint(credentials);
		const state = { ...emptyState(fingerprint), requestToken: 'token', lastTotpStep: 5 };
		expect(decodeState(encodeState(state), fingerprint)).toEqual(state);
		const changed = credentialFingerprint({ ...credentials, password: 'new' });
		expect(decodeState(encodeState(state), changed)).toEqual(emptyState(changed));
		expect(decodeState('{broken', fingerprint)).toEqual(emptyState(fingerprint));
		expect(decodeState(undefined, fingerprint).requestToken).toBeNull();
	});

	test('the fingerprint does not contain the password', () => {
		expect(credentialFingerprint({ ...credentials, password: 'hunter2-secret' })).not.toContain('hunter2');
	});
});

describe('login answer mapping', () => {
	test.each([
		[{ Success: false, ErrorMessage: 'The practice code you entered did not match any account.' }, 'practice', 'practice-code'],
		[{ Success: false, ErrorMessage: 'This account has been locked because of too many failed login attempts.' }, 'password', 'locked'],
		[{ Success: false, ErrorMessage: 'The username or password you entered is incorrect.' }, 'password', 'credentials'],
		[{ Success: false, ErrorMessage: 'The verification code you entered is incorrect.' }, 'code', 'totp-invalid'],
		[{ Success: false, ErrorCode: 'BrowserRequired' }, 'password', 'browser-required'],
		[{ Success: false, ErrorMessage: 'Something new' }, 'password', 'unexpected'],
	] as const)('%j at step %s → %s', (answer, step, reason) => {
		expect(loginFailure(answer, step).reason).toBe(reason);
	});
});

test('audit lines carry the operation, ids and outcome only', () => {
	const line = formatAuditLine({ at: 'now', operation: 'patients/get', kind: 'call', ids: [1001], outcome: 'ok', attempt: 0, durationMs: 12 });
	expect(line).toBe('therapynotes call op=patients/get ids=1001 outcome=ok attempt=0 ms=12');
});
