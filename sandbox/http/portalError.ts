/** A refusal the portal answers in its own style (200 with `Success: false`), not a crash. */
export class PortalError extends Error {
	constructor(
		message: string,
		readonly code: string = 'ValidationFailed',
		readonly extra: Record<string, unknown> = {},
	) {
		super(message);
	}
}

export function portalErrorBody(error: PortalError): Record<string, unknown> {
	return { Success: false, Result: 0, ErrorCode: error.code, ErrorMessage: error.message, Errors: [error.message], ...error.extra };
}

/** What ASP.NET shows for an unhandled exception; the sandbox never includes request data in it. */
export function serverErrorPage(status: number): string {
	const title = status === 503 ? 'Service Unavailable' : 'Runtime Error';
	return `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>Server Error in '/' Application.</h1><h2><i>${title}</i></h2></body></html>`;
}
