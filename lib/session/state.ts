import { z } from 'zod';

/**
 * Everything a session needs to be resumed by another execution, worker or process: cookies
 * (session and remembered device), the page token, and the last TOTP step used. It is stored
 * encrypted in n8n's credential store; it never appears in logs.
 */
export const sessionStateSchema = z.object({
	v: z.literal(1),
	cookies: z.unknown(),
	requestToken: z.string().nullable(),
	lastTotpStep: z.number().int().nullable(),
	loggedInAt: z.string().nullable(),
	/** Which credential values this session was made with; a change of them discards it. */
	fingerprint: z.string(),
});

export type SessionState = z.infer<typeof sessionStateSchema>;

export function emptyState(fingerprint: string): SessionState {
	return { v: 1, cookies: null, requestToken: null, lastTotpStep: null, loggedInAt: null, fingerprint };
}

export function encodeState(state: SessionState): string {
	return JSON.stringify(state);
}

/** A stored state that cannot be read is treated as no session at all, never as an error. */
export function decodeState(text: unknown, fingerprint: string): SessionState {
	if (typeof text !== 'string' || text === '') return emptyState(fingerprint);
	try {
		const parsed = sessionStateSchema.safeParse(JSON.parse(text));
		if (parsed.success && parsed.data.fingerprint === fingerprint) return parsed.data;
	} catch {
		// fall through: unreadable state
	}
	return emptyState(fingerprint);
}
