import { z } from 'zod';
import { moneyTextToCents, portalDateTimeToIso, portalDateToIso } from './dates';

/**
 * zod readers for the portal's value formats, shared by every area: a value that does not parse
 * is a shape mismatch (PortalChangedError naming the field), never a silently wrong value.
 */
const converted = (convert: (value: string) => string | null, what: string) =>
	z.string().transform((value, ctx) => {
		const iso = convert(value);
		if (!iso) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a portal ${what}` });
		return iso ?? '';
	});

/** "MM/DD/YYYY" → "YYYY-MM-DD". */
export const wireDate = converted(portalDateToIso, 'date');

/** "MM/DD/YYYY h:mmPM" → "YYYY-MM-DDTHH:mm". */
export const wireDateTime = converted(portalDateTimeToIso, 'date and time');

/** Dollars as the portal writes them (a number or text, at most two decimals) → integer cents. */
export const wireMoney = z.union([z.number().finite(), z.string()]).transform((value, ctx) => {
	const cents = moneyTextToCents(String(value));
	if (cents === null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not an amount' });
	return cents ?? 0;
});
