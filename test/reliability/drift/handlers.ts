import type { RunningSandbox } from '../../../sandbox/server';
import { PAGE_ROUTES, PORTAL_HANDLERS } from '../../../sandbox/handlers';
import { PUBLIC_ROUTES } from '../../../sandbox/auth/login';
import { admin } from '../../helpers/sandbox';

/** Every handler and page the sandbox serves (its README's handler table), by the name its stats and faults use. */
export const SANDBOX_HANDLERS: string[] = [...PUBLIC_ROUTES.map((r) => r.name), ...PORTAL_HANDLERS.map((h) => h.name), ...PAGE_ROUTES.map((p) => p.name)];

/** Handlers served while logging in: a case's clean run is measured after the login. */
export const isLoginHandler = (name: string): boolean => name.startsWith('session/') || name === 'page/dashboard';

/** Requests per handler the sandbox served while `run` ran (from its own stats, not our client's). */
export async function handlersDuring<T>(sandbox: RunningSandbox, run: () => Promise<T>): Promise<{ result: T; hits: Record<string, number> }> {
	const before = (await admin(sandbox, 'GET', 'stats')).requests as Record<string, number>;
	const result = await run();
	const after = (await admin(sandbox, 'GET', 'stats')).requests as Record<string, number>;
	const hits: Record<string, number> = {};
	for (const [name, count] of Object.entries(after)) if (count > (before[name] ?? 0)) hits[name] = count - (before[name] ?? 0);
	return { result, hits };
}

export async function withDrift<T>(sandbox: RunningSandbox, handler: string, run: () => Promise<T>): Promise<T> {
	await admin(sandbox, 'POST', 'faults', { rules: [{ handler, fault: 'drift' }] });
	try {
		return await run();
	} finally {
		await admin(sandbox, 'POST', 'faults', { rules: [] });
	}
}

/**
 * The client names a handler the way lib/portal does; where that differs from the sandbox's name
 * for the same portal call, this says what the error may call it instead.
 */
export const CLIENT_NAMES: Record<string, string[]> = {
	'session/practicecode': ['session/login-step-3'],
	'session/login': ['session/login-step-4'],
	'session/twofactor': ['session/login-step-5'],
	'page/dashboard': ['session/dashboard'],
	'page/eraview': ['eras/view'],
	'page/eradownload': ['eras/download'],
};

export const namesFor = (handler: string): string[] => [handler, ...(CLIENT_NAMES[handler] ?? [])];
