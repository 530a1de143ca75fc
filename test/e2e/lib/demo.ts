import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './proc';
import { loadExample } from '../recipe';

/** What `npm start` and `npm run screenshot` share: the n8n owner and the recipes as custom-extension workflows. */

/** Every recipe in examples/, so a new one is in the demo without another edit here. */
export const exampleFiles = () => readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json')).sort();
export const OWNER = { email: 'owner@sandbox.local', password: 'Sandbox-Owner-1!' };

/** The owner comes from env (N8N_INSTANCE_OWNER_MANAGED_BY_ENV, supported by 2.40.7), so the editor opens at a login instead of a set-up form. */
export function ownerEnv(): NodeJS.ProcessEnv {
	// n8n's own bcrypt library, from the pinned install (so the repo needs no new dependency).
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const bcrypt = require(join(ROOT, 'test/e2e/n8n/node_modules/bcryptjs')) as { hashSync(text: string, rounds: number): string };
	return {
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(OWNER.password, 10),
		N8N_INSTANCE_OWNER_FIRST_NAME: 'Sandbox',
		N8N_INSTANCE_OWNER_LAST_NAME: 'Owner',
	};
}

/** The examples use the community-package node types; loaded from dist/ as custom extensions they are `CUSTOM.*`. Without `stripeUrl` they keep Stripe's real address. */
export function recipesAsCustom(stripeUrl: string | undefined, files: string[] = exampleFiles()): unknown[] {
	return files.map((file) => {
		const text = JSON.stringify(loadExample(file, stripeUrl)).split('"n8n-nodes-therapynotes.').join('"CUSTOM.');
		return JSON.parse(text) as unknown;
	});
}
