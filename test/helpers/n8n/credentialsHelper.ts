import { Credentials } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	UnexpectedError,
	UserError,
	getCredentialOwnRequestAllowedDomains,
	isExpression,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { applyDefaults } from './credentialData';
import type { CredentialRow, EncryptedCredentialStore } from './credentialStore';
import { CredentialMissingId } from './errors';
import type { HarnessCredentialTypes } from './nodeTypes';

/** One call of `preAuthentication` by the engine, and whether the credential's hook actually ran. */
export interface PreAuthenticationCall {
	credentialsExpired: boolean;
	ran: boolean;
}

/**
 * A port of n8n's CredentialsHelper (packages/cli/src/credentials-helper.ts, read from
 * n8n-io/n8n) over an encrypted in-memory table instead of the database. Kept as in n8n:
 * `getDecrypted` re-reads and decrypts the stored row on every call; `preAuthentication` runs the
 * credential's hook only when the expirable property is empty, when the engine says the
 * credentials expired, or for a credential test, and persists the result encrypted through
 * `updateCredentials`; `authenticate` calls a function `authenticate` or applies a generic one.
 * Left out: what is off in a community install without a licence (dynamic end-user credentials,
 * AI-gateway credentials, policy enforcement, external-secrets project scoping) and credential
 * overwrites, which need CREDENTIALS_OVERWRITE_DATA and are not configured here.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Every engine call of `preAuthentication`, so tests can see the refresh path being taken. */
	readonly preAuthenticationCalls: PreAuthenticationCall[] = [];

	constructor(
		private readonly credentialTypes: HarnessCredentialTypes,
		private readonly store: EncryptedCredentialStore,
	) {
		super();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		if (typeof authenticate === 'object' && authenticate.type === 'generic') {
			if (!workflow || !node) throw new UnexpectedError('Workflow and node are required for declarative credential authentication');
			const resolve = (value: string) => (isExpression(value) ? String(workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never, undefined, '') || '') : value);
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) target[outerKey][resolve(key)] = resolve(value);
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (expirable?.name === undefined || typeof credentialType.preAuthentication !== 'function') return undefined;
		// n8n's credential test runs on a mock NoOp node with `temp: ''`; it always logs in afresh.
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		const due = credentials[expirable.name] === '' || credentialsExpired || isTestingCredentials;
		this.preAuthenticationCalls.push({ credentialsExpired, ran: due });
		if (!due) return undefined;
		const output = await credentialType.preAuthentication.call(restrictToCredentialDomains(helpers, credentials), credentials);
		// Only a result that sets the expirable property is persisted (else "the database will not get updated").
		if (output[expirable.name] === undefined) return undefined;
		if (!node.credentials) return undefined;
		await this.persistPreAuthentication(node.credentials[credentialType.name], credentialType.name, expirable.name, output as ICredentialDataDecryptedObject);
		return Object.assign(credentials, output);
	}

	/** As n8n: merge into the raw stored values, never overwriting a stored expression (except the expirable field). */
	private async persistPreAuthentication(nodeCredentials: INodeCredentialsDetails, type: string, expirableName: string, output: ICredentialDataDecryptedObject): Promise<void> {
		const storedData = await (await this.getCredentials(nodeCredentials, type)).getData();
		const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirableName || !isExpression(storedData[key])) dataToPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, type, dataToPersist);
	}

	async runPreAuthentication(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject, typeName: string): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		return ((await credentialType.preAuthentication.call(restrictToCredentialDomains(helpers, credentials), credentials)) as ICredentialDataDecryptedObject) ?? undefined;
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypes.getParentTypes(typeName);
	}

	async getCredentials(nodeCredential: INodeCredentialsDetails, type: string): Promise<Credentials> {
		const row = this.getCredentialsEntity(nodeCredential, type);
		return new Credentials({ id: row.id, name: row.name }, row.type, row.data);
	}

	private getCredentialsEntity(nodeCredential: INodeCredentialsDetails, type: string): CredentialRow {
		if (!nodeCredential.id) throw new CredentialMissingId(nodeCredential.name, type);
		const row = this.store.findOneByOrFail({ id: nodeCredential.id, type });
		if (row.usageScope !== 'project') throw new UserError('This credential cannot be used in workflows');
		return row;
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		try {
			if (!this.credentialTypes.getByName(credentialType).restrictToSupportedNodes) return true;
		} catch {
			return true;
		}
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const typeData = this.credentialTypes.getByName(type);
		if (typeData.extends === undefined) return typeData.properties;
		const combined: INodeProperties[] = [];
		for (const parent of typeData.extends) NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		NodeHelpers.mergeNodeProperties(combined, typeData.properties);
		return combined;
	}

	/** Re-reads and decrypts the stored row on every call, so a session stored a moment ago is seen. */
	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = await (await this.getCredentials(nodeCredentials, type)).getData();
		if (raw === true) return stored;
		return await applyDefaults(this.getCredentialsProperties(type), stored, additionalData, mode, executeData, expressionResolveValues);
	}

	/** Encrypts the whole credential with n8n-core's `Credentials` and writes the ciphertext only. */
	async updateCredentials(nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.setData(data);
		this.store.update({ id: credentials.id as string, type }, { data: credentials.getDataToSave().data as string, updatedAt: new Date() });
	}

	async updateCredentialsOauthTokenData(nodeCredentials: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		const credentials = await this.getCredentials(nodeCredentials, type);
		await credentials.updateData({ oauthTokenData: data.oauthTokenData });
		this.store.update({ id: credentials.id as string, type }, { data: credentials.getDataToSave().data as string, updatedAt: new Date() });
	}
}

/**
 * n8n narrows the helpers a `preAuthentication` hook gets to `httpRequest`, limited to the
 * credential's own allowed domains when it sets any (and refuses a request naming its own list).
 */
function restrictToCredentialDomains(helpers: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError('This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.');
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}
