/**
 * When is an error one a user can act on? The rule, applied to the message n8n shows (the error
 * item's `error`, with its `description`):
 *
 * 1. It is prose, not debris: not empty, not "undefined"/"null"/"[object Object]", no stack frame,
 *    not a bare status ("500", "HTTP 500", "Request failed with status code 500").
 * 2. It names what it is about: a portal handler in quotes ('patients/save'), a parameter
 *    ("Invalid parameter 'x'"), a record ("Note 12", "Appointment 3"), the credential or login, or
 *    the connection to TherapyNotes.
 * 3. It says what happened: refused (with the portal's reason), answered HTTP n with its meaning,
 *    connection failed/closed, changed shape, locked/signed, not found, session ended, too many
 *    requests — or it says what to do (check, wait, retry, use …, add an addendum).
 *
 * An error failing any of the three is "unclear".
 */
const DEBRIS: RegExp[] = [
	/^\s*$/,
	/^(undefined|null|\[object Object\]|error)\.?$/i,
	/\n\s+at\s/,
	/\bat .+\.(?:js|ts):\d+:\d+/,
	/^(HTTP\s*)?\d{3}\.?$/i,
	/^Request failed with status code \d{3}\.?$/i,
];

const SUBJECT: RegExp[] = [
	/'[a-z]+\/[a-z0-9]+'/i,
	/Invalid parameter '[^']+'/,
	/\b(Note|Appointment|Patient|Claim|Payment|ERA) \d+/,
	/\b(credential|login|log in|username|password|practice code|two-factor|TOTP|account)\b/i,
	/\b(TherapyNotes|connection|server)\b/i,
];

const WHAT_HAPPENED_OR_WHAT_TO_DO: RegExp[] = [
	/\brefused\b/i,
	/answered '[^']+' with HTTP \d{3} \([a-z ]+\)/i,
	/\b(connection|network)\b.*\b(failed|closed|reset|refused|timed out)\b/i,
	/\bchanged\b/i,
	/\b(locked|signed|awaiting supervisor)\b/i,
	/\bnot found\b|could not be found/i,
	/\bsession ended\b/i,
	/\b(check|wait|retry|try again|use '|add an addendum|set login method|install)\b/i,
];

export type Clarity = { clear: true } | { clear: false; why: string };

export function classifyError(message: string, description?: string | null): Clarity {
	const text = `${message}${description ? `\n${description}` : ''}`;
	if (DEBRIS.some((re) => re.test(message))) return { clear: false, why: 'not prose (empty, a stack, an object or a bare status)' };
	if (!SUBJECT.some((re) => re.test(text))) return { clear: false, why: 'does not say what it is about' };
	if (!WHAT_HAPPENED_OR_WHAT_TO_DO.some((re) => re.test(text))) return { clear: false, why: 'says neither what happened nor what to do' };
	return { clear: true };
}

/** Error messages with ids and numbers replaced, so the report lists each kind of message once. */
export function messageShape(message: string): string {
	return message.replace(/\d+/g, '#').replace(/"[^"]*"/g, '"…"');
}
