import { z, type ZodTypeAny } from 'zod';
import { practice as wire } from '../../portal';
import { LoginError, PortalChangedError, PortalHttpError, PortalRefusalError, type PortalCall } from '../../session';
import {
	healthcheckOptionsSchema,
	practiceClinicianSchema,
	practiceInfoSchema,
	practiceLocationSchema,
	practiceNoteTemplateSchema,
	practicePayerSchema,
	practiceServiceCodeSchema,
	practiceTemplateFilterSchema,
	todoListSchema,
	type HealthcheckArea,
	type HealthcheckOptions,
	type HealthcheckReport,
	type PracticeClinician,
	type PracticeInfo,
	type PracticeLocation,
	type PracticeNoteTemplate,
	type PracticePayer,
	type PracticeServiceCode,
	type PracticeTemplateFilter,
	type TodoList,
} from '../schemas/practice';
import { checkInput, checkOutput } from '../validation';
import type { Requester } from './patients';

/** What a healthcheck says of a failed area: the handler and field for a changed shape, else the error's class. */
function describeProblem(error: unknown): string {
	if (error instanceof PortalChangedError) return `changed shape: ${error.handler} ${error.field}`;
	if (error instanceof PortalHttpError) return `${error.name} ${error.status}`;
	if (error instanceof PortalRefusalError) return `${error.name} ${error.code}`;
	if (error instanceof LoginError) return `${error.name} ${error.reason}`;
	return error instanceof Error ? error.name : 'Error';
}

/**
 * The portal answered (a refusal, an HTTP status, a changed shape): other areas may still work.
 * Anything else on the first read (a failed login, no connection) would only repeat for every area,
 * and repeated failed logins lock the account.
 */
const answeredByPortal = (error: unknown) => error instanceof PortalChangedError || error instanceof PortalRefusalError || error instanceof PortalHttpError;

/** The practice's reference lists, the To-Do list of the logged-in user, and a healthcheck. */
export class PracticeResource {
	constructor(protected readonly session: Requester) {}

	/** Clinicians of the practice (never usernames, passwords or secrets). */
	async clinicians(): Promise<PracticeClinician[]> {
		return this.read(wire.loadClinicians(), z.array(practiceClinicianSchema));
	}

	/** Service (CPT) codes with their default length and fee in cents. */
	async serviceCodes(): Promise<PracticeServiceCode[]> {
		return this.read(wire.loadServiceCodes(), z.array(practiceServiceCodeSchema));
	}

	/** Locations with their place-of-service code. */
	async locations(): Promise<PracticeLocation[]> {
		return this.read(wire.loadLocations(), z.array(practiceLocationSchema));
	}

	async payers(): Promise<PracticePayer[]> {
		return this.read(wire.loadPayers(), z.array(practicePayerSchema));
	}

	async info(): Promise<PracticeInfo> {
		return this.read(wire.loadPracticeInfo(), practiceInfoSchema);
	}

	async noteTemplates(filter: PracticeTemplateFilter = {}): Promise<PracticeNoteTemplate[]> {
		const { noteType } = checkInput(practiceTemplateFilterSchema, filter, 'filter');
		return this.read(wire.loadNoteTemplates(noteType), z.array(practiceNoteTemplateSchema));
	}

	/** The To-Do list of the user the session is logged in as; every kind is listed, even at 0. */
	async todoList(): Promise<TodoList> {
		return this.read(wire.loadTodoList(), todoListSchema);
	}

	/**
	 * Logs in and reads one page of every area, one after another, timing each. Never throws for an
	 * area: each one answers `{ area, ok, ms, problem? }`. When the login fails (or the portal cannot be
	 * reached) nothing else is tried, because more attempts could lock the account.
	 */
	async healthcheck(options: HealthcheckOptions = {}): Promise<HealthcheckReport> {
		const { today = new Date().toISOString().slice(0, 10) } = checkInput(healthcheckOptionsSchema, options, 'options');
		const checkedAt = new Date().toISOString();
		const areas: HealthcheckArea[] = [];
		let unreachable = false;
		for (const probe of [wire.loginProbe(), ...wire.healthProbes(today)]) {
			if (unreachable) {
				areas.push({ area: probe.area, ok: false, ms: 0, problem: 'not checked: the login failed or the portal is unreachable' });
				continue;
			}
			const started = Date.now();
			try {
				await this.session.request(probe.call);
				areas.push({ area: probe.area, ok: true, ms: Date.now() - started });
			} catch (error) {
				unreachable = areas.length === 0 && !answeredByPortal(error);
				areas.push({ area: probe.area, ok: false, ms: Date.now() - started, problem: describeProblem(error) });
			}
		}
		return { ok: areas.every((a) => a.ok), checkedAt, areas };
	}

	private async read<S extends ZodTypeAny>(call: PortalCall<unknown>, schema: S): Promise<z.infer<S>> {
		return checkOutput(schema, await this.session.request(call), call.operation);
	}
}
