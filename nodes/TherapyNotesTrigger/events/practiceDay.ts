/** Today's date in the workflow's time zone, which is the practice's for a practice's n8n. */
export function practiceToday(timezone: string, now: Date = new Date()): string {
	const parts = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
	return parts;
}

export function shiftDays(isoDay: string, days: number): string {
	const date = new Date(`${isoDay}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}
