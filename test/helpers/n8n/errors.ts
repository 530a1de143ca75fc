import { UnexpectedError, UserError } from 'n8n-workflow';

/** Stands in for n8n's CredentialNotFoundError (packages/cli/src/errors). */
export class CredentialNotFound extends UserError {
	constructor(credentialId: string, credentialType: string) {
		super(`Credential with ID "${credentialId}" does not exist for type "${credentialType}".`);
	}
}

/** n8n's CredentialMissingIdError: a node that names a credential without an id cannot use it. */
export class CredentialMissingId extends UnexpectedError {
	constructor(credentialName: string, credentialType: string) {
		super('Found credential with no ID.', { extra: { credentialName }, tags: { credentialType } });
	}
}
