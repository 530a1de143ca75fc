import type { RequestContext } from '../http/context';
import { PortalError } from '../http/portalError';
import { fromPortalDate } from '../util/dates';

/** Form readers the claim and ERA lists share. */

/** An optional "M/D/YYYY" form field → ISO date, or a refusal naming the field. */
export function optFormDate(ctx: RequestContext, field: string): string | null {
	const text = ctx.str(field, { max: 10 }).trim();
	if (text === '') return null;
	const iso = fromPortalDate(text);
	if (!iso) throw new PortalError(`Field '${field}' must be a date like 1/31/2026.`);
	return iso;
}

/** A start/end pair of optional dates; refuses an end before the start. */
export function formDateRange(ctx: RequestContext, startField: string, endField: string): { start: string | null; end: string | null } {
	const start = optFormDate(ctx, startField);
	const end = optFormDate(ctx, endField);
	if (start && end && end < start) throw new PortalError(`Field '${endField}' is before '${startField}'.`);
	return { start, end };
}

export function inRange(isoDay: string, range: { start: string | null; end: string | null }): boolean {
	return (!range.start || isoDay >= range.start) && (!range.end || isoDay <= range.end);
}
