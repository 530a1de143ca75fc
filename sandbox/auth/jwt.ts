import { createHmac, timingSafeEqual } from 'node:crypto';

/** The `access-token` cookie: an HS256 JWT whose payload carries `UserClaim` entries like the portal's. */
export function signJwt(payload: Record<string, unknown>, secret: string): string {
	const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
	const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
	const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
	return `${header}.${body}.${signature}`;
}

export function verifyJwt(token: string, secret: string): Record<string, unknown> | null {
	const parts = token.split('.');
	if (parts.length !== 3) return null;
	const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
	const given = Buffer.from(parts[2], 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	try {
		return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
	} catch {
		return null;
	}
}

export function claimValue(payload: Record<string, unknown>, name: string): string | null {
	const claims = payload.UserClaim;
	if (!Array.isArray(claims)) return null;
	for (const claim of claims) {
		if (typeof claim === 'string' && claim.startsWith(`${name};`)) return claim.slice(name.length + 1);
	}
	return null;
}
