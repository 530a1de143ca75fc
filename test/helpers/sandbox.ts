import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import type { SandboxOptions } from '../../sandbox/state';
import { addDays } from '../../sandbox/util/dates';
import { RawPortalClient } from './portalClient';
import { totp } from './totp';

/**
 * Starts an in-process sandbox on a free loopback port. Tests talk to it over real HTTP. It is
 * seeded for the real today, because the nodes (trigger windows, default dates) read the real
 * clock: tests name days relative to it with `sandboxDay`, never as fixed dates.
 */
export async function withSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
	return startSandbox({ seed: 7, size: 'solo', ...options, port: 0 });
}

/** The sandbox's seeded today moved by `offset` days, as "YYYY-MM-DD". */
export function sandboxDay(sandbox: RunningSandbox, offset = 0): string {
	return addDays(sandbox.state.options.today, offset);
}

export async function admin(sandbox: RunningSandbox, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any -- admin answers are free-form test data
	const response = await fetch(`${sandbox.url}/__sandbox/${path}`, {
		method,
		headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const rememberedDevices = new WeakMap<RunningSandbox, string>();

/**
 * A raw client logged in with the dashboard opened: 'plain' is the front desk (no two-factor),
 * 'demo' the clinician with TOTP (the device is remembered after the first code, so later logins
 * in the same sandbox need no code), 'supervised' a clinician whose notes need approval.
 * Remember the one-session rule: a second login of the same user ends the first client's session.
 */
export async function loggedInClient(sandbox: RunningSandbox, who: 'plain' | 'demo' | 'supervised' = 'plain'): Promise<RawPortalClient> {
	const client = new RawPortalClient(sandbox.url);
	const demo = sandbox.state.demo;
	const username = { plain: demo.plainUsername, demo: demo.username, supervised: demo.supervisedUsername }[who];
	const device = rememberedDevices.get(sandbox);
	if (device && who === 'demo') client.cookies.set('tn-rd', device);
	let answer = await client.login(demo.practiceCode, username, demo.password);
	if (answer.TwoFactorRequired) {
		answer = await client.submitCode(totp(demo.totpSecret), true);
		const remembered = client.cookies.get('tn-rd');
		if (remembered) rememberedDevices.set(sandbox, remembered);
	}
	if (answer.Success !== true) throw new Error(`login failed: ${String(answer.ErrorMessage)}`);
	await client.openDashboard();
	return client;
}
