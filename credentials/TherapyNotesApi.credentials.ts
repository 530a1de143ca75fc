import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';
import { authenticateWithStoredSession, refreshStoredSession, type StoredCredential } from '../lib/client';
import { helperTransport } from '../nodes/shared/n8nTransport';

/**
 * TherapyNotes has no API: this credential logs in like the browser does. The session it gets is
 * kept in the hidden, expirable `session` field, which n8n stores encrypted and shares with every
 * execution and worker; n8n calls `preAuthentication` again only when the session is gone.
 */
export class TherapyNotesApi implements ICredentialType {
	name = 'therapyNotesApi';

	displayName = 'TherapyNotes API';

	icon: Icon = { light: 'file:../nodes/TherapyNotes/therapynotes.svg', dark: 'file:../nodes/TherapyNotes/therapynotes.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-therapynotes/n8n-nodes-therapynotes#credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Session',
			name: 'session',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'TherapyNotes', value: 'production', description: 'https://www.therapynotes.com' },
				{ name: 'Custom URL (Sandbox)', value: 'custom', description: 'A local sandbox or another base URL' },
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:4555',
			placeholder: 'http://127.0.0.1:4555',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Practice Code',
			name: 'practiceCode',
			type: 'string',
			default: '',
			required: true,
			description: 'The code the practice logs in with (the part after /app/login/ in the practice’s login link)',
		},
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'TOTP Secret',
			name: 'totpSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The authenticator-app secret (base32) if two-factor is on for this user. Codes are computed here; after the first login the device is remembered for 30 days.',
		},
		{
			displayName: 'Login Method',
			name: 'loginMethod',
			type: 'options',
			options: [
				{ name: 'Automatic', value: 'automatic', description: 'HTTP login; a real browser only when the portal demands one' },
				{ name: 'HTTP', value: 'http', description: 'Never start a browser' },
				{ name: 'Browser', value: 'browser', description: 'Always log in through headless Chromium (needs playwright-core and Chromium on the n8n host)' },
			],
			default: 'automatic',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 50, numberPrecision: 1 },
			default: 10,
			description: 'Upper limit on portal requests per second from one execution',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		const session = await refreshStoredSession(credentials as unknown as StoredCredential, helperTransport(this.helpers.httpRequest));
		return { session };
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const authenticated = authenticateWithStoredSession(credentials as unknown as StoredCredential, {
			...requestOptions,
			url: absoluteUrl(requestOptions),
		});
		return authenticated as IHttpRequestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.environment === "custom" ? $credentials.baseUrl : "https://www.therapynotes.com"}}',
			url: '/app/dashboard/',
			method: 'GET',
			disableFollowRedirect: true,
		},
	};
}

function absoluteUrl(options: IHttpRequestOptions): string {
	if (/^https?:\/\//.test(options.url)) return options.url;
	return `${(options.baseURL ?? '').replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}`;
}
