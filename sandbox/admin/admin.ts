import type { RequestContext } from '../http/context';
import type { SandboxState } from '../state';
import { PortalError } from '../http/portalError';
import { ADMIN_ACTIONS } from '../handlers';
import { AdminInputError } from './actions';
import { FaultConfigError } from '../faults';
import type { SandboxSize } from '../data/seed';

/** The test-only API under /__sandbox/: JSON in, JSON out, 400 with `error` naming the field. */
function parseJson(ctx: RequestContext): Record<string, unknown> {
	if (ctx.body.length === 0) return {};
	try {
		const value: unknown = JSON.parse(ctx.body.toString('utf8'));
		if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	} catch {
		// fall through
	}
	throw new AdminInputError('body must be a JSON object');
}

function stats(state: SandboxState) {
	return {
		...state.stats.snapshot(),
		records: state.store.counts(),
		activeSessions: state.sessions.activeSessionCount(),
		now: state.nowIso(),
	};
}

function reset(state: SandboxState, body: Record<string, unknown>) {
	const overrides: Record<string, unknown> = {};
	if (body.seed !== undefined) overrides.seed = Number(body.seed);
	if (body.size !== undefined) {
		if (!['solo', 'group', 'clinic'].includes(String(body.size))) throw new AdminInputError('size must be solo, group or clinic');
		overrides.size = body.size as SandboxSize;
	}
	if (body.idleTimeoutMinutes !== undefined) overrides.idleTimeoutMinutes = Number(body.idleTimeoutMinutes);
	if (body.browserOnlyLogin !== undefined) overrides.browserOnlyLogin = Boolean(body.browserOnlyLogin);
	if (body.today !== undefined) overrides.today = String(body.today);
	state.reset(overrides);
	return { ok: true, demo: state.demo, options: state.options };
}

function configure(state: SandboxState, body: Record<string, unknown>) {
	if (body.idleTimeoutMinutes !== undefined) {
		const minutes = Number(body.idleTimeoutMinutes);
		if (!Number.isFinite(minutes) || minutes <= 0) throw new AdminInputError('idleTimeoutMinutes must be a positive number');
		state.store.practice.idleTimeoutMinutes = minutes;
		state.sessions.setIdleTimeoutMinutes(minutes);
	}
	if (body.browserOnlyLogin !== undefined) state.store.practice.browserOnlyLogin = Boolean(body.browserOnlyLogin);
	return { ok: true, idleTimeoutMinutes: state.store.practice.idleTimeoutMinutes, browserOnlyLogin: state.store.practice.browserOnlyLogin };
}

function advanceClock(state: SandboxState, body: Record<string, unknown>) {
	const ms = body.advanceMs !== undefined ? Number(body.advanceMs) : Number(body.advanceMinutes) * 60_000;
	if (!Number.isFinite(ms) || ms < 0) throw new AdminInputError('advanceMinutes (or advanceMs) must be a number of 0 or more');
	state.clock.advance(ms);
	return { now: state.nowIso() };
}

const RECORD_KINDS = ['patients', 'appointments', 'notes', 'claims', 'eras', 'payments', 'policies', 'portalDocuments'] as const;

function records(state: SandboxState, kind: string, ctx: RequestContext) {
	if (!(RECORD_KINDS as readonly string[]).includes(kind)) throw new AdminInputError(`kind must be one of ${RECORD_KINDS.join(', ')}`);
	const map = state.store[kind as (typeof RECORD_KINDS)[number]] as unknown as Map<number, Record<string, unknown>>;
	let rows = [...map.values()];
	for (const [key, value] of ctx.url.searchParams) {
		if (key === 'limit') continue;
		rows = rows.filter((r) => String(r[key]) === value);
	}
	const limit = Number(ctx.url.searchParams.get('limit') ?? '1000');
	return { count: rows.length, rows: rows.slice(0, limit) };
}

function dispatch(ctx: RequestContext, state: SandboxState, path: string): unknown {
	const body = ctx.method === 'POST' ? parseJson(ctx) : {};
	if (ctx.method === 'GET' && path === 'stats') return stats(state);
	if (ctx.method === 'GET' && path === 'demo') return { url: null, ...state.demo };
	if (ctx.method === 'GET' && path === 'faults') return { rules: state.faults.list() };
	if (ctx.method === 'GET' && path === 'audit') return { entries: state.store.audit.slice(Number(ctx.url.searchParams.get('since') ?? '0')) };
	if (ctx.method === 'GET' && path.startsWith('records/')) return records(state, path.slice('records/'.length), ctx);
	if (ctx.method !== 'POST') throw new AdminInputError(`unknown admin call: ${ctx.method} /__sandbox/${path}`);
	if (path === 'faults') return { rules: state.faults.configure(body) };
	if (path === 'reset') return reset(state, body);
	if (path === 'config') return configure(state, body);
	if (path === 'clock') return advanceClock(state, body);
	if (path === 'sessions/expire') return { expired: state.sessions.expireAll() };
	if (path.startsWith('act/')) {
		const action = ADMIN_ACTIONS[path.slice('act/'.length)];
		if (!action) throw new AdminInputError(`unknown action; known: ${Object.keys(ADMIN_ACTIONS).join(', ')}`);
		return action(state, body, state.nowIso());
	}
	throw new AdminInputError(`unknown admin call: POST /__sandbox/${path}`);
}

export function handleAdmin(ctx: RequestContext, state: SandboxState): void {
	const path = ctx.path.slice('/__sandbox/'.length).replace(/\/$/, '');
	try {
		ctx.sendJson(dispatch(ctx, state, path));
	} catch (error) {
		if (error instanceof AdminInputError || error instanceof PortalError || error instanceof FaultConfigError) return ctx.sendJson({ error: error.message }, 400);
		throw error;
	}
}
