import type { Requester } from './patients';

export class AppointmentsResource {
	constructor(protected readonly session: Requester) {}
}
