import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cipher, EncryptionKeyProxy, InstanceSettings, type KeyInfo } from 'n8n-core';
import { Container } from './container';
import { captureN8nLogs, type LogCapture } from './logs';

/** The instance key n8n would read from N8N_ENCRYPTION_KEY; fixed so a failure can be reproduced. */
export const TEST_ENCRYPTION_KEY = 'therapynotes-harness-encryption-key';

let userFolder: string | null = null;
let logs: LogCapture | null = null;

/**
 * Boots the parts of n8n-core an execution touches, the way `n8n start` does for a single main
 * instance without key rotation: the real InstanceSettings (reading N8N_USER_FOLDER and
 * N8N_ENCRYPTION_KEY, here a throw-away folder so nothing lands in the home directory), and the
 * encryption key provider n8n's key manager installs at start-up, serving the instance key as the
 * legacy, unprefixed AES-256-CBC key. With that, n8n-core's `Credentials` class encrypts exactly
 * as it does in production. n8n's logger is replaced by a recording one first (see logs.ts).
 * Idempotent per jest module registry (one per test file).
 */
export function bootN8nCore(): LogCapture {
	if (userFolder && logs) return logs;
	logs = captureN8nLogs();
	userFolder = mkdtempSync(path.join(tmpdir(), 'tn-n8n-harness-'));
	process.env.N8N_USER_FOLDER = userFolder;
	process.env.N8N_ENCRYPTION_KEY = TEST_ENCRYPTION_KEY;
	const settings = Container.get(InstanceSettings);
	const cipher = Container.get(Cipher);
	const legacyKey: KeyInfo = {
		id: 'legacy',
		value: cipher.encryptDEKWithInstanceKey(settings.encryptionKey),
		algorithm: 'aes-256-cbc',
		format: 'no-prefix',
	};
	Container.get(EncryptionKeyProxy).setProvider({
		getActiveKey: async () => legacyKey,
		getKeyById: async (id) => (id === legacyKey.id ? legacyKey : null),
		getLegacyKey: async () => legacyKey,
	});
	return logs;
}

/** Removes the throw-away user folder (n8n writes its `config` file there). */
export function shutdownN8nCore(): void {
	if (!userFolder) return;
	rmSync(userFolder, { recursive: true, force: true });
	userFolder = null;
}
