/**
 * Date helpers. The sandbox keeps dates as ISO strings in practice-local time without a zone
 * ("2026-11-26" and "2026-11-26T14:30"), like the portal's UI, and converts to the portal's
 * wire formats ("MM/DD/YYYY", "h:mmPM") only at the handler edge.
 */
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDate(d: Date): string {
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isoDateTime(d: Date): string {
	return `${isoDate(d)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Practice-local wall time is modelled as UTC fields so no host timezone leaks in. */
export function parseIsoLocal(value: string): Date {
	return new Date(value.length === 10 ? `${value}T00:00:00Z` : `${value}:00Z`);
}

export function addDays(isoDay: string, days: number): string {
	const d = parseIsoLocal(isoDay.slice(0, 10));
	d.setUTCDate(d.getUTCDate() + days);
	return isoDate(d);
}

export function addMinutes(isoLocal: string, minutes: number): string {
	return isoDateTime(new Date(parseIsoLocal(isoLocal).getTime() + minutes * 60_000));
}

export function toPortalDate(isoDay: string): string {
	const [y, m, d] = isoDay.slice(0, 10).split('-');
	return `${m}/${d}/${y}`;
}

/** Accepts "MM/DD/YYYY" and "M/D/YYYY"; returns ISO or null. */
export function fromPortalDate(value: string): string | null {
	const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
	if (!match) return null;
	const [, m, d, y] = match;
	const iso = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
	const check = parseIsoLocal(iso);
	return isoDate(check) === iso ? iso : null;
}

export function toPortalTime(isoLocal: string): string {
	const hours = Number(isoLocal.slice(11, 13));
	const minutes = isoLocal.slice(14, 16);
	const suffix = hours >= 12 ? 'PM' : 'AM';
	const h12 = hours % 12 === 0 ? 12 : hours % 12;
	return `${h12}:${minutes}${suffix}`;
}

/** Accepts "h:mmPM", "hh:mm AM"; returns "HH:mm" or null. */
export function fromPortalTime(value: string): string | null {
	const match = /^(\d{1,2}):(\d{2})\s?(AM|PM)$/i.exec(value.trim());
	if (!match) return null;
	let hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (hours < 1 || hours > 12 || minutes > 59) return null;
	const pm = match[3].toUpperCase() === 'PM';
	if (hours === 12) hours = 0;
	if (pm) hours += 12;
	return `${pad(hours)}:${pad(minutes)}`;
}

/** The portal's date-time as the calendar shows it: "MM/DD/YYYY h:mmPM". */
export function toPortalDateTime(isoLocal: string): string {
	return `${toPortalDate(isoLocal)} ${toPortalTime(isoLocal)}`;
}

export function centsToDollars(cents: number): number {
	return Math.round(cents) / 100;
}

/** Dollars on the wire are decimal numbers or strings; reject anything with sub-cent precision. */
export function dollarsToCents(value: unknown): number | null {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return null;
	const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
	return match[1] ? -cents : cents;
}
