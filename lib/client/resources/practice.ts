import type { Requester } from './patients';

export class PracticeResource {
	constructor(protected readonly session: Requester) {}
}
