import type { RequestContext } from './context';
import type { SandboxState } from '../state';
import type { Session } from '../auth/sessions';
import type { User } from '../data/types';

export interface HandlerArgs {
	ctx: RequestContext;
	state: SandboxState;
	session: Session;
	user: User;
	now: string;
}

/** Where a piece of the wire contract comes from; listed in sandbox/README.md. */
export type Provenance = 'confirmed' | 'assumed';

/** A `*.aspx?msg=N` data handler: POST, form fields in, JSON out, needs a session and `tnrac`. */
export interface PortalHandler {
	name: string;
	path: string;
	msg: number;
	provenance: Provenance;
	fields: string;
	answer: string;
	handle(args: HandlerArgs): unknown;
}

export type PageResult = string | { text: string; contentType: string; fileName?: string };

/** A page a person would open (GET, HTML), or a file download; needs a session. */
export interface PageRoute {
	name: string;
	pattern: RegExp;
	provenance: Provenance;
	description: string;
	render(args: HandlerArgs, match: RegExpExecArray): PageResult;
}

/** Login steps and the login page: no session needed. */
export interface PublicRoute {
	name: string;
	method: 'GET' | 'POST';
	path: RegExp;
	msg: number | null;
	provenance: Provenance;
	fields: string;
	answer: string;
	handle(ctx: RequestContext, state: SandboxState): void;
}
