import { therapyNotesProtocol } from '../portal';
import { HostedSession, PortalSession, RequestPipeline, RateLimiter, DEFAULT_RETRY, silentAudit } from '../session';
import type { AuditSink, PortalCall, PortalSessionOptions, RetryPolicy, SessionHost } from '../session';
import { PatientsResource, type Requester } from './resources/patients';
import { AppointmentsResource } from './resources/appointments';
import { NotesResource } from './resources/notes';
import { ClaimsResource } from './resources/claims';
import { ErasResource } from './resources/eras';
import { BillingResource } from './resources/billing';
import { PortalAccessResource } from './resources/portalAccess';
import { PracticeResource } from './resources/practice';

/** The TherapyNotes API, one object per resource, like stripe-node. */
export class TherapyNotesClient {
	readonly patients: PatientsResource;
	readonly appointments: AppointmentsResource;
	readonly notes: NotesResource;
	readonly claims: ClaimsResource;
	readonly eras: ErasResource;
	readonly billing: BillingResource;
	readonly portal: PortalAccessResource;
	readonly practice: PracticeResource;

	constructor(readonly session: Requester) {
		this.patients = new PatientsResource(session);
		this.appointments = new AppointmentsResource(session);
		this.notes = new NotesResource(session);
		this.claims = new ClaimsResource(session);
		this.eras = new ErasResource(session);
		this.billing = new BillingResource(session);
		this.portal = new PortalAccessResource(session);
		this.practice = new PracticeResource(session);
	}
}

export type StandaloneOptions = Omit<PortalSessionOptions, 'protocol'>;

/** For plain Node: the client logs in itself and keeps its session in memory (exportable). */
export function createStandaloneClient(options: StandaloneOptions): TherapyNotesClient {
	return new TherapyNotesClient(new PortalSession({ ...options, protocol: therapyNotesProtocol }));
}

export interface HostedOptions {
	baseUrl: string;
	requestsPerSecond?: number;
	retry?: Partial<RetryPolicy>;
	audit?: AuditSink;
	sleep?: (ms: number) => Promise<void>;
}

/** For a host that keeps the session (n8n's credential store): requests go through `host`. */
export function createHostedClient(host: SessionHost, options: HostedOptions): TherapyNotesClient {
	const driver = new HostedSession(host, therapyNotesProtocol, options.baseUrl);
	const pipeline = new RequestPipeline(driver, {
		rateLimiter: new RateLimiter(options.requestsPerSecond ?? 10),
		retry: { ...DEFAULT_RETRY, ...options.retry },
		audit: options.audit ?? silentAudit,
		sleep: options.sleep,
	});
	return new TherapyNotesClient({ request: <T>(call: PortalCall<T>) => pipeline.execute(call) });
}
