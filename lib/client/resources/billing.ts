import type { Requester } from './patients';

export class BillingResource {
	constructor(protected readonly session: Requester) {}
}
