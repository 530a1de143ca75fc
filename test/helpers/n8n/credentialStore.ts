import { Credentials } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeCredentialsDetails } from 'n8n-workflow';
import { CredentialNotFound } from './errors';

/** A row of n8n's `credentials_entity` table, reduced to the columns execution reads. */
export interface CredentialRow {
	id: string;
	name: string;
	type: string;
	/** The ciphertext n8n-core's `Credentials` class produced: what n8n keeps at rest. */
	data: string;
	usageScope: 'project';
	updatedAt: Date;
}

/** One write to a row, kept so tests can see when and what n8n persisted. */
export interface CredentialWrite {
	id: string;
	at: Date;
	data: string;
}

/**
 * Stands in for n8n's CredentialsRepository (the database): rows hold only ciphertext made by
 * n8n-core's own `Credentials` class, so what tests inspect is exactly what n8n would store.
 * Every update is recorded in `writes`.
 */
export class EncryptedCredentialStore {
	private readonly rows = new Map<string, CredentialRow>();

	readonly writes: CredentialWrite[] = [];

	private nextId = 1;

	/** Saves a new credential as the n8n UI does: encrypt the form's values, insert the row. */
	async create(name: string, type: string, data: ICredentialDataDecryptedObject): Promise<INodeCredentialsDetails> {
		const id = String(this.nextId++);
		const credentials = new Credentials({ id, name }, type);
		await credentials.setData(data);
		this.rows.set(id, { id, name, type, data: credentials.getDataToSave().data as string, usageScope: 'project', updatedAt: new Date() });
		return { id, name };
	}

	/** `findOneByOrFail({ id, type })`: a copy, so a caller cannot change the stored row by accident. */
	findOneByOrFail(where: { id: string; type: string }): CredentialRow {
		const row = this.rows.get(where.id);
		if (!row || row.type !== where.type) throw new CredentialNotFound(where.id, where.type);
		return { ...row };
	}

	/** `update({ id, type }, { data, updatedAt })`, as CredentialsHelper.updateCredentials calls it. */
	update(where: { id: string; type: string }, values: Pick<CredentialRow, 'data' | 'updatedAt'>): void {
		const row = this.findOneByOrFail(where);
		this.rows.set(row.id, { ...row, ...values });
		this.writes.push({ id: row.id, at: values.updatedAt, data: values.data });
	}

	/** The ciphertext at rest, for tests that check nothing readable is stored. */
	rawData(id: string): string {
		const row = this.rows.get(id);
		if (!row) throw new CredentialNotFound(id, '*');
		return row.data;
	}

	/** Decrypts a row with n8n-core's `Credentials`, as n8n does before every use. */
	async decrypt(id: string): Promise<ICredentialDataDecryptedObject> {
		const row = this.rows.get(id);
		if (!row) throw new CredentialNotFound(id, '*');
		return await new Credentials({ id: row.id, name: row.name }, row.type, row.data).getData();
	}
}
