import type { Requester } from './patients';

export class PortalAccessResource {
	constructor(protected readonly session: Requester) {}
}
