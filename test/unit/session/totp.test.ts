import { nextTotpCode, normaliseSecret, type TotpClock } from '../../../lib/session/totp';
import { LoginError } from '../../../lib/session/errors';
import { totp } from '../../helpers/totp';

const KEY = 'JBSWY3DPEHPK3PXP'.repeat(2); // a well-known RFC example key, not a credential

function fakeClock(startMs: number): TotpClock & { slept: number[] } {
	let now = startMs;
	const slept: number[] = [];
	return {
		slept,
		now: () => now,
		sleep: async (ms) => {
			slept.push(ms);
			now += ms;
		},
	};
}

describe('TOTP codes', () => {
	test('match RFC 6238 as computed independently', async () => {
		const at = 1_700_000_010_000;
		const { code, step } = await nextTotpCode(KEY, null, fakeClock(at));
		expect(code).toBe(totp(KEY, at));
		expect(step).toBe(Math.floor(at / 30_000));
	});

	test('wait for the next step when fewer than 3 seconds remain', async () => {
		const stepStart = 1_700_000_010_000 - (1_700_000_010_000 % 30_000);
		const clock = fakeClock(stepStart + 28_500);
		const { step } = await nextTotpCode(KEY, null, clock);
		expect(step).toBe(stepStart / 30_000 + 1);
		expect(clock.slept).toHaveLength(1);
		expect(clock.slept[0]).toBeGreaterThanOrEqual(1_500);
	});

	test('never hand out a code of a step already used', async () => {
		const at = 1_700_000_010_000;
		const used = Math.floor(at / 30_000);
		const clock = fakeClock(at);
		const { step, code } = await nextTotpCode(KEY, used, clock);
		expect(step).toBe(used + 1);
		expect(code).toBe(totp(KEY, (used + 1) * 30_000));
		expect(clock.slept).toHaveLength(1);
	});

	test('no wait when the step is fresh and unused', async () => {
		const clock = fakeClock(1_700_000_000_000 + 5_000);
		await nextTotpCode(KEY, null, clock);
		expect(clock.slept).toEqual([]);
	});

	test('secrets are normalised; a non-base32 secret is a LoginError naming the secret', () => {
		expect(normaliseSecret('jbsw y3dp-ehpk 3pxp====')).toBe('JBSWY3DPEHPK3PXP');
		expect(() => normaliseSecret('not base32 at all!')).toThrow(LoginError);
		expect(() => normaliseSecret('ABC')).toThrow(/TOTP secret/);
	});
});
