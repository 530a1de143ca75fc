/** The portal's date formats ↔ ISO 8601, converted here and nowhere else. */
const pad = (n: number) => String(n).padStart(2, '0');

export function isoToPortalDate(iso: string): string {
	const [y, m, d] = iso.slice(0, 10).split('-');
	return `${m}/${d}/${y}`;
}

/** "MM/DD/YYYY" or "M/D/YYYY" → "YYYY-MM-DD"; null when it is not a real date. */
export function portalDateToIso(value: string): string | null {
	const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
	if (!match) return null;
	const iso = `${match[3]}-${pad(Number(match[1]))}-${pad(Number(match[2]))}`;
	const date = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** "h:mmPM" → "HH:mm". */
export function portalTimeToIso(value: string): string | null {
	const match = /^(\d{1,2}):(\d{2})\s?(AM|PM)$/i.exec(value.trim());
	if (!match) return null;
	const hours12 = Number(match[1]);
	if (hours12 < 1 || hours12 > 12 || Number(match[2]) > 59) return null;
	const hours = (hours12 % 12) + (match[3].toUpperCase() === 'PM' ? 12 : 0);
	return `${pad(hours)}:${match[2]}`;
}

export function isoToPortalTime(isoDateTime: string): string {
	const hours = Number(isoDateTime.slice(11, 13));
	const h12 = hours % 12 === 0 ? 12 : hours % 12;
	return `${h12}:${isoDateTime.slice(14, 16)}${hours >= 12 ? 'PM' : 'AM'}`;
}

/** "MM/DD/YYYY h:mmPM" → "YYYY-MM-DDTHH:mm" (practice-local, no zone, as the portal shows it). */
export function portalDateTimeToIso(value: string): string | null {
	const [date, time] = value.trim().split(/\s+/, 2);
	const isoDate = portalDateToIso(date ?? '');
	const isoTime = portalTimeToIso(time ?? '');
	return isoDate && isoTime ? `${isoDate}T${isoTime}` : null;
}

/** Dollars as the portal writes them → integer cents, without floating-point drift. */
export function dollarsToCents(value: number): number {
	return Math.round(value * 100);
}

export function centsToDollars(cents: number): string {
	const sign = cents < 0 ? '-' : '';
	const abs = Math.abs(cents);
	return `${sign}${Math.floor(abs / 100)}.${pad(abs % 100)}`;
}

/** "140.5", "140.50" or "1,140.50" (text) → cents, by integer arithmetic; null when it is not an amount. */
export function moneyTextToCents(text: string): number | null {
	const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/,/g, ''));
	if (!match) return null;
	const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
	return match[1] && cents !== 0 ? -cents : cents;
}
