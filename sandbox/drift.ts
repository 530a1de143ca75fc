/**
 * Drift mode imitates a portal release that moved to a new serializer: every JSON key turns from
 * PascalCase to camelCase and a few well-known collections get new names, and page markup trades
 * its data-testid hooks for new ones. Nothing a client parsed before still lines up.
 */
const RENAMED: Record<string, string> = {
	Matches: 'results',
	CalendarItems: 'items',
	ERAs: 'remittances',
	EncryptedID: 'encryptedId',
	ID: 'id',
};

function driftKey(key: string): string {
	return RENAMED[key] ?? key.charAt(0).toLowerCase() + key.slice(1);
}

export function driftJson(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(driftJson);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(value)) out[driftKey(key)] = driftJson(inner);
		return out;
	}
	return value;
}

export function driftHtml(html: string): string {
	return html.replace(/data-testid="([^"]+)"/g, (_m, name: string) => `data-qa="${name.replace(/-/g, '_')}"`).replace(/class="tn-/g, 'class="tn2-');
}

/** Raw text downloads move into a JSON envelope, as a release that added an API wrapper would. */
export function driftText(text: string): string {
	return JSON.stringify({ fileContent: Buffer.from(text).toString('base64') });
}
