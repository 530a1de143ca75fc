import type { RequestContext } from './context';
import type { SandboxState } from '../state';
import type { Session } from '../auth/sessions';
import type { User } from '../data/types';
import { claimValue, verifyJwt } from '../auth/jwt';

export type AuthResult = { ok: true; session: Session; user: User } | { ok: false };

/** Both cookies must agree: the JWT's SessionId claim names the ASP.NET session it belongs to. */
export function authenticate(ctx: RequestContext, state: SandboxState): AuthResult {
	const sid = ctx.cookies['ASP.NET_SessionId'];
	const token = ctx.cookies['access-token'];
	if (!sid || !token) return { ok: false };
	const payload = verifyJwt(token, state.jwtSecret);
	if (!payload || claimValue(payload, 'SessionId') !== sid) return { ok: false };
	if (typeof payload.exp === 'number' && payload.exp * 1000 < state.clock.nowMs()) return { ok: false };
	const check = state.sessions.check(sid);
	if (!check.ok) {
		if (check.reason === 'other-login') state.stats.requestsWithEndedSession++;
		if (check.reason === 'expired') state.stats.expiredSessionHits++;
		return { ok: false };
	}
	const user = state.store.user(check.session.userId);
	if (!user || String(user.id) !== claimValue(payload, 'UserId')) return { ok: false };
	return { ok: true, session: check.session, user };
}
