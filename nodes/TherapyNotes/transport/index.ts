import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { baseUrlOf, createHostedClient, formatAuditLine, type StoredCredential, type TherapyNotesClient } from '../../../lib/client';
import { CREDENTIAL_TYPE, n8nSessionHost } from '../../shared/n8nTransport';

type Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** The one place a node gets its TherapyNotes client: session, pacing and audit come with it. */
export async function clientFor(context: Context): Promise<TherapyNotesClient> {
	const credentials = (await context.getCredentials(CREDENTIAL_TYPE)) as unknown as StoredCredential;
	const baseUrl = baseUrlOf(credentials);
	return createHostedClient(n8nSessionHost(context, baseUrl), {
		baseUrl,
		requestsPerSecond: Number(credentials.requestsPerSecond ?? 10),
		audit: (line) => context.logger.debug(formatAuditLine(line)),
	});
}
