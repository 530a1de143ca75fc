import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestContext } from './http/context';
import { PortalError, portalErrorBody, serverErrorPage } from './http/portalError';
import { authenticate } from './http/authenticate';
import type { HandlerArgs, PageRoute, PortalHandler } from './http/routes';
import { SandboxState, type SandboxOptions } from './state';
import { PUBLIC_ROUTES } from './auth/login';
import { renderLoginPage } from './auth/loginPage';
import { PORTAL_HANDLERS, PAGE_ROUTES } from './handlers';
import { handleAdmin } from './admin/admin';
import { driftHtml, driftJson, driftText } from './drift';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const DRIFT = { json: driftJson, html: driftHtml, text: driftText };

export interface RunningSandbox {
	url: string;
	port: number;
	state: SandboxState;
	server: Server;
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Applies the faults planned for this handler; returns false when a fault already answered. */
async function injectFaults(state: SandboxState, ctx: RequestContext, name: string): Promise<boolean> {
	state.stats.countRequest(name);
	const plan = state.faults.plan(name);
	if (plan.latencyMs > 0) {
		state.stats.countFault('latency');
		await sleep(plan.latencyMs);
	}
	if (plan.before) state.stats.countFault(plan.before);
	if (plan.before === 'expire') {
		const sid = ctx.cookies['ASP.NET_SessionId'];
		if (sid) state.sessions.end(sid, 'expired');
	} else if (plan.before === '5xx') {
		ctx.sendHtml(serverErrorPage(plan.status), plan.status);
		return false;
	} else if (plan.before === '429') {
		ctx.sendText('Too Many Requests', 'text/plain; charset=utf-8', 429, { 'Retry-After': String(plan.retryAfterSeconds) });
		return false;
	}
	if (plan.drop) state.stats.countFault('drop');
	ctx.drop = plan.drop;
	ctx.drift = plan.drift ? DRIFT : null;
	return true;
}

function findHandler(ctx: RequestContext): PortalHandler | undefined {
	const path = ctx.path.toLowerCase();
	const msg = Number(ctx.url.searchParams.get('msg'));
	return PORTAL_HANDLERS.find((h) => h.path === path && h.msg === msg);
}

function findPage(ctx: RequestContext): { route: PageRoute; match: RegExpExecArray } | undefined {
	for (const route of PAGE_ROUTES) {
		const match = route.pattern.exec(ctx.path);
		if (match) return { route, match };
	}
	return undefined;
}

async function serveHandler(state: SandboxState, ctx: RequestContext, handler: PortalHandler): Promise<void> {
	if (!(await injectFaults(state, ctx, handler.name))) return;
	if (ctx.method !== 'POST') return ctx.sendJson(portalErrorBody(new PortalError('This handler only accepts POST.', 'MethodNotAllowed')));
	const auth = authenticate(ctx, state);
	// An expired session answers 200 with the login page, as the real handlers are believed to.
	if (!auth.ok) return ctx.sendHtml(renderLoginPage({ practiceCode: '', nonce: '', returnUrl: '' }));
	if (!auth.session.tnrac || ctx.form.tnrac !== auth.session.tnrac) {
		return ctx.sendJson(portalErrorBody(new PortalError('The request could not be verified. Reload the page and try again.', 'InvalidRequestToken')));
	}
	const args: HandlerArgs = { ctx, state, session: auth.session, user: auth.user, now: state.nowIso() };
	ctx.sendJson(handler.handle(args));
}

async function servePage(state: SandboxState, ctx: RequestContext, route: PageRoute, match: RegExpExecArray): Promise<void> {
	if (!(await injectFaults(state, ctx, route.name))) return;
	const auth = authenticate(ctx, state);
	if (!auth.ok) return ctx.redirect(`/app/login/?ReturnUrl=${encodeURIComponent(ctx.path)}`);
	let result;
	try {
		result = route.render({ ctx, state, session: auth.session, user: auth.user, now: state.nowIso() }, match);
	} catch (error) {
		if (!(error instanceof PortalError)) throw error;
		return ctx.sendHtml(`<!DOCTYPE html><html><body><h1 data-testid="page-error">${error.message}</h1></body></html>`, error.code === 'NotFound' ? 404 : 400);
	}
	if (typeof result === 'string') return ctx.sendHtml(result);
	const headers: Record<string, string> = result.fileName ? { 'Content-Disposition': `attachment; filename="${result.fileName}"` } : {};
	ctx.sendText(result.text, result.contentType, 200, headers);
}

async function route(state: SandboxState, ctx: RequestContext): Promise<void> {
	if (ctx.path.startsWith('/__sandbox/')) return handleAdmin(ctx, state);
	const msgParam = ctx.url.searchParams.get('msg');
	const publicRoute = PUBLIC_ROUTES.find(
		(r) => r.method === ctx.method && r.path.test(ctx.path) && (r.msg === null || String(r.msg) === msgParam),
	);
	if (publicRoute) {
		if (await injectFaults(state, ctx, publicRoute.name)) publicRoute.handle(ctx, state);
		return;
	}
	const handler = findHandler(ctx);
	if (handler) return serveHandler(state, ctx, handler);
	const page = findPage(ctx);
	if (page && ctx.method === 'GET') return servePage(state, ctx, page.route, page.match);
	if (ctx.path === '/' || ctx.path === '/app/' || ctx.path === '/app') return ctx.redirect('/app/dashboard/');
	ctx.sendHtml('<!DOCTYPE html><html><body><h1>404 - File or directory not found.</h1></body></html>', 404);
}

async function handleRequest(state: SandboxState, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const body = await readBody(req);
	const ctx = new RequestContext(req, res, body ?? Buffer.alloc(0));
	if (body === null) return ctx.sendJson(portalErrorBody(new PortalError('The request is too large.', 'RequestTooLarge')), 413);
	try {
		await route(state, ctx);
	} catch (error) {
		if (ctx.answered) return;
		if (error instanceof PortalError) return ctx.sendJson(portalErrorBody(error));
		// Only the error's class reaches the log: messages may quote request data.
		process.stderr.write(`sandbox: unhandled ${error instanceof Error ? error.name : 'error'} in ${ctx.path}\n`);
		ctx.sendHtml(serverErrorPage(500), 500);
	}
}

export async function startSandbox(options: Partial<SandboxOptions> & { port?: number; host?: string } = {}): Promise<RunningSandbox> {
	const state = new SandboxState(options);
	const server = createServer((req, res) => {
		handleRequest(state, req, res).catch(() => {
			if (!res.headersSent) res.writeHead(500).end();
		});
	});
	server.keepAliveTimeout = 5_000;
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://${host}:${port}`,
		port,
		state,
		server,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
