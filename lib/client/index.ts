export { TherapyNotesClient, createStandaloneClient, createHostedClient, type StandaloneOptions, type HostedOptions } from './client';
export { forgetHostedSessions, recoverHostedError, refreshStoredSession, renewWithoutHost, sessionInUse, authenticateWithStoredSession, loginCredentialsOf, baseUrlOf, sessionProbe, storedCredentialSchema, type StoredCredential } from './hosted';
export { InvalidInputError } from './validation';
export { ClaimFileError } from './resources/claims837P';
export { EraFileError } from './resources/erasDetail';
export * from './schemas/patient';
export * from './schemas/appointments';
export * from './schemas/notes';
export * from './schemas/claims';
export * from './schemas/eras';
export * from './schemas/billing';
export * from './schemas/portalAccess';
export * from './schemas/practice';
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
