export { TherapyNotesClient, createStandaloneClient, createHostedClient, type StandaloneOptions, type HostedOptions } from './client';
export { refreshStoredSession, authenticateWithStoredSession, loginCredentialsOf, baseUrlOf, sessionProbe, storedCredentialSchema, type StoredCredential } from './hosted';
export { InvalidInputError } from './validation';
export * from './schemas/patient';
export {
	TherapyNotesError,
	LoginError,
	PortalChangedError,
	PortalHttpError,
	PortalRefusalError,
	WriteOutcomeUnknownError,
	NetworkError,
	SessionExpiredError,
	type HttpRequest,
	type HttpResponse,
	type Transport,
	type SessionHost,
	type AuditLine,
	type AuditSink,
	formatAuditLine,
} from '../session';
