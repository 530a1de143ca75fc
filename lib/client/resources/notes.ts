import type { Requester } from './patients';

export class NotesResource {
	constructor(protected readonly session: Requester) {}
}
