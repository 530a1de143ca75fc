import type { ICredentialDataDecryptedObject, INodeCredentialsDetails } from 'n8n-workflow';
import { forgetHostedSessions } from '../../../lib/client';
import { bootN8nCore } from './core';
import type { LogCapture } from './logs';
import { EncryptedCredentialStore } from './credentialStore';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { HarnessCredentialTypes } from './nodeTypes';
import { runWorkflow, type RunNodeOptions, type RunNodeResult } from './runNode';

export { NODE_UNDER_TEST, START_NODE, type RunNodeOptions, type RunNodeResult } from './runNode';
export { THERAPY_NOTES_NODE_TYPE, MANUAL_TRIGGER_NODE_TYPE } from './nodeTypes';
export type { CredentialRow, CredentialWrite } from './credentialStore';
export type { PreAuthenticationCall } from './credentialsHelper';
export type { LogCapture, LogLine } from './logs';
/** Removes the temporary n8n user folder; call from afterAll. */
export { shutdownN8nCore as shutdownN8n } from './core';

/**
 * Our node inside n8n's own execution engine: one n8n "instance" (credential store + credentials
 * helper) on which any number of executions run, as they would on one n8n main process.
 */
export interface N8nHarness {
	store: EncryptedCredentialStore;
	credentialsHelper: HarnessCredentialsHelper;
	/** Saves a TherapyNotes API credential (encrypted) and returns the reference a node holds. */
	addCredential(data: ICredentialDataDecryptedObject, name?: string): Promise<INodeCredentialsDetails>;
	runNode(options: RunNodeOptions): Promise<RunNodeResult>;
	/** What n8n logged (shared by every harness of a test file, like one n8n process's log). */
	logs: LogCapture;
}

/**
 * A fresh n8n "instance" (empty credential store); n8n-core itself is booted once per test file.
 * Our package keeps a little per-process memory (a login in flight, the newest session, a recent
 * refusal); a new instance is a new process, so that memory starts empty too.
 */
export function createN8nHarness(): N8nHarness {
	const logs = bootN8nCore();
	forgetHostedSessions();
	const store = new EncryptedCredentialStore();
	const credentialsHelper = new HarnessCredentialsHelper(new HarnessCredentialTypes(), store);
	return {
		store,
		credentialsHelper,
		addCredential: async (data, name = 'TherapyNotes account') => await store.create(name, 'therapyNotesApi', data),
		runNode: async (options) => await runWorkflow(credentialsHelper, options),
		logs,
	};
}
