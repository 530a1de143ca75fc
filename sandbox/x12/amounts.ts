/**
 * X12 money and dates. Amounts travel as decimal dollars ("123.45"); the sandbox keeps integer
 * cents, so both directions use integer arithmetic only — a float never touches a cent.
 */

/** 12345 → "123.45", -5 → "-0.05". */
export function formatAmount(cents: number): string {
	if (!Number.isSafeInteger(cents)) throw new RangeError('An X12 amount must be a whole number of cents.');
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * "123.45", "123", ".5", "-10.00" → cents; null when the text is not an amount or carries a
 * non-zero fraction of a cent (X12 allows extra decimals, money cannot).
 */
export function parseAmount(text: string): number | null {
	const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
	if (!match || (match[2] === '' && !match[3])) return null;
	const fraction = match[3] ?? '';
	if (/[^0]/.test(fraction.slice(2))) return null;
	const whole = match[2] === '' ? 0 : Number(match[2]);
	const cents = whole * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
	if (!Number.isSafeInteger(cents)) return null;
	return match[1] && cents !== 0 ? -cents : cents;
}

/** "2026-11-26" → "20261126" (CCYYMMDD). */
export function x12Date(isoDay: string): string {
	return isoDay.slice(0, 10).replace(/-/g, '');
}

/** "20261126" → "2026-11-26", or null when it is not a real calendar date. */
export function isoFromX12Date(value: string): string | null {
	const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
	if (!match) return null;
	const iso = `${match[1]}-${match[2]}-${match[3]}`;
	const check = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso) ? iso : null;
}
