import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, IPollFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import {
	recoverHostedError,
	renewWithoutHost,
	SessionExpiredError,
	sessionInUse,
	sessionProbe,
	type HttpRequest,
	type HttpResponse,
	type SessionHost,
	type StoredCredential,
	type Transport,
} from '../../lib/client';

export const CREDENTIAL_TYPE = 'therapyNotesApi';

/** Statuses that mean "logged out" on a page; n8n refreshes the stored session on them and resends. */
const LOGGED_OUT_STATUSES = [302, 401];

interface FullResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Our request → n8n's options: no redirects followed, the body as text, statuses returned not thrown. */
export function toN8nOptions(request: HttpRequest, throwOn: number[] = []): IHttpRequestOptions {
	const headers: IDataObject = { ...request.headers };
	if (request.form) headers['Content-Type'] = 'application/x-www-form-urlencoded';
	return {
		method: request.method,
		url: request.url,
		headers,
		body: request.form,
		returnFullResponse: true,
		disableFollowRedirect: true,
		ignoreHttpStatusErrors: throwOn.length ? { ignore: true, except: throwOn } : true,
		encoding: 'text',
		json: false,
		timeout: request.timeoutMs ?? 60_000,
	};
}

export function fromN8nResponse(raw: FullResponse): HttpResponse {
	const headers: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(raw.headers ?? {})) if (value !== undefined) headers[key.toLowerCase()] = value;
	const body = typeof raw.body === 'string' ? raw.body : Buffer.isBuffer(raw.body) ? raw.body.toString('utf8') : JSON.stringify(raw.body ?? '');
	return { status: raw.statusCode, headers, body };
}

/** The transport a credential's preAuthentication uses: n8n's plain httpRequest helper. */
export function helperTransport(httpRequest: (options: IHttpRequestOptions) => Promise<unknown>): Transport {
	return async (request) => fromN8nResponse((await httpRequest(toN8nOptions(request))) as FullResponse);
}

/** n8n's error for a page that still answered "logged out" after n8n's one refresh. */
function isLoggedOut(error: unknown): boolean {
	const failed = error as { httpCode?: unknown; cause?: { response?: { status?: unknown } } } | null;
	return LOGGED_OUT_STATUSES.includes(Number(failed?.httpCode ?? failed?.cause?.response?.status));
}

/** A page still logged out after two refreshes: the session keeps ending (say so, not "HTTP 302"). */
function renewalError(error: unknown): unknown {
	return isLoggedOut(error) ? new SessionExpiredError(sessionProbe.path) : error;
}

type RequestingContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

/**
 * The session host inside an execution: n8n adds the stored session to each request
 * (credential `authenticate`) and, on a logged-out status, runs `preAuthentication`, stores the
 * new session encrypted for every execution and worker, and resends once.
 */
export function n8nSessionHost(context: RequestingContext, baseUrl: string): SessionHost {
	const send = async (request: HttpRequest, throwOn: number[]) => {
		try {
			const raw = await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, toN8nOptions(request, throwOn), {
				preAuthenticationRetryStatusCode: LOGGED_OUT_STATUSES,
			});
			return fromN8nResponse(raw as FullResponse);
		} catch (error) {
			throw recoverHostedError(error) ?? error;
		}
	};
	const probe = () => send({ method: sessionProbe.method, url: `${baseUrl.replace(/\/+$/, '')}${sessionProbe.path}`, headers: {} }, LOGGED_OUT_STATUSES);
	// n8n 1.x has no preAuthenticationRetryStatusCode and ignores every status when told to ignore
	// some: the probe then comes back logged out instead of throwing, and the node logs in itself.
	const renewHere = async (deadSession: string | undefined) => {
		const stored = (await context.getCredentials(CREDENTIAL_TYPE)) as unknown as StoredCredential;
		await renewWithoutHost(stored, deadSession, helperTransport(context.helpers.httpRequest));
	};
	const heldSession = async () => sessionInUse((await context.getCredentials(CREDENTIAL_TYPE)) as unknown as StoredCredential);
	return {
		send: (request) => send(request, LOGGED_OUT_STATUSES),
		// Opening a page answers 302 when the stored session is gone; n8n then logs in once and
		// stores the result. If another worker already renewed it, the page simply answers 200.
		// n8n refreshes only once per request: when the session it was handed (another
		// execution's newer one) has ended too, the page still answers 302, and a second probe
		// makes n8n log in for real (found by the chaos run, test/chaos).
		renew: async () => {
			for (let probes = 1; ; probes++) {
				try {
					const held = await heldSession();
					const answer = await probe();
					if (!LOGGED_OUT_STATUSES.includes(answer.status)) return;
					if (probes === 2) throw new SessionExpiredError(sessionProbe.path);
					await renewHere(held);
				} catch (error) {
					if (!isLoggedOut(error) || probes === 2) throw renewalError(error);
				}
			}
		},
	};
}
