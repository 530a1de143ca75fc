/**
 * Every TherapyNotes URL and message number the product uses, in one place. When the portal
 * changes, this folder changes. "confirmed"/"assumed" as in the sandbox README.
 */
export const LOGIN_PATHS = {
	loginPage: (practiceCode: string) => `/app/login/${encodeURIComponent(practiceCode)}/`,
	processLogin: '/app/session/processlogin.aspx',
	practiceStepMsg: 3,
	passwordStepMsg: 4,
	twoFactorStepMsg: 5,
	dashboard: '/app/dashboard/',
	loginPathPrefix: '/app/login',
} as const;

export interface HandlerAddress {
	path: string;
	msg: number;
}

export function handlerUrl(address: HandlerAddress): string {
	return `${address.path}?msg=${address.msg}`;
}

/** A page that answers 302 to the login page when the session is gone: used to trigger a host's refresh. */
export const SESSION_PROBE_PATH = LOGIN_PATHS.dashboard;
export const PRODUCTION_BASE_URL = 'https://www.therapynotes.com';
