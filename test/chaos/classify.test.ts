import { classifyError } from './classify';

// The rule that decides which errors count as "unclear" in the chaos run, on messages it saw.
describe('classifyError', () => {
	test.each([
		["TherapyNotes answered 'patients/save' with HTTP 500 (server error)."],
		["The connection to TherapyNotes failed during 'patients/save' (socket hang up); the change may or may not have been saved. It was not repeated, to avoid a duplicate."],
		["Note 12 is signed and locked, so it cannot be edited. Nothing was changed. Use the 'Add Addendum' operation to add to a signed note."],
		['TherapyNotes refused the username or password. Check both in the credential; no further attempt was made, so the account is not at risk of being locked.'],
		['The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.'],
	])('clear: %s', (message) => {
		expect(classifyError(message)).toEqual({ clear: true });
	});

	test.each([
		['Request failed with status code 302', 'not prose'],
		['undefined', 'not prose'],
		['TypeError: x is not a function\n    at run (/app/a.js:1:2)', 'not prose'],
		['TherapyNotes answered the login in an unexpected way.', 'says neither'],
		['Something went wrong', 'does not say what it is about'],
	])('unclear: %s', (message, why) => {
		const verdict = classifyError(message);
		expect(verdict.clear).toBe(false);
		expect(verdict.clear ? '' : verdict.why).toContain(why);
	});

	test('the description counts: n8n’s generic message with our description naming the login step is clear', () => {
		expect(classifyError('The service is receiving too many requests from you', "TherapyNotes answered 'session/login-step-4' with HTTP 429 (too many requests).")).toEqual({ clear: true });
		expect(classifyError('The service is receiving too many requests from you').clear).toBe(false);
	});
});
