import type { Requester } from './patients';

export class ClaimsResource {
	constructor(protected readonly session: Requester) {}
}
