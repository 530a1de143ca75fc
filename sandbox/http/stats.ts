/** Counters the admin API reports; tests assert on them from outside the client. */
export class Stats {
	logins = 0;
	loginAttempts = 0;
	failedLogins = 0;
	lockouts = 0;
	practiceCodeChecks = 0;
	twoFactorChallenges = 0;
	twoFactorFailures = 0;
	sessionsEndedByOtherLogin = 0;
	requestsWithEndedSession = 0;
	expiredSessionHits = 0;
	browserRequiredRefusals = 0;
	requests: Record<string, number> = {};
	faults: Record<string, number> = {};

	countRequest(handler: string): void {
		this.requests[handler] = (this.requests[handler] ?? 0) + 1;
	}

	countFault(kind: string): void {
		this.faults[kind] = (this.faults[kind] ?? 0) + 1;
	}

	snapshot(): Record<string, unknown> {
		const { requests, faults, ...counters } = this;
		const totalRequests = Object.values(requests).reduce((a, b) => a + b, 0);
		return { ...counters, totalRequests, requests: { ...requests }, faults: { ...faults } };
	}
}
