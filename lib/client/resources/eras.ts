import type { Requester } from './patients';

export class ErasResource {
	constructor(protected readonly session: Requester) {}
}
