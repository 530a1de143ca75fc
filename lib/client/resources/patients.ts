import { z } from 'zod';
import { patients as wire } from '../../portal';
import { WriteOutcomeUnknownError, type PortalSession } from '../../session';
import {
	insurancePolicyInputSchema,
	insurancePolicySchema,
	newPatientSchema,
	patientListOptionsSchema,
	patientListRowSchema,
	patientPortalStatusSchema,
	patientRefSchema,
	patientSchema,
	patientSummarySchema,
	patientUpdateSchema,
	patientUpsertSchema,
	type InsurancePolicy,
	type InsurancePolicyInput,
	type NewPatient,
	type Patient,
	type PatientListOptions,
	type PatientListRow,
	type PatientPortalStatus,
	type PatientSummary,
	type PatientUpdate,
	type PatientUpsert,
	type PatientWriteResult,
	type PolicyWriteResult,
} from '../schemas/patient';
import { checkInput, checkOutput } from '../validation';

export type Requester = Pick<PortalSession, 'request'>;

const searchQuery = z.string().trim().min(2, 'needs at least 2 characters').max(100, 'is longer than 100 characters');

type PatientRef = z.infer<typeof patientRefSchema>;

const isNumericRef = (ref: PatientRef): boolean => typeof ref === 'number' || /^\d+$/.test(ref);

/** An address given in part must be completed from the record: the portal replaces it whole. */
const isPartialAddress = (address: PatientUpdate['address']): boolean => !!address && ['street', 'city', 'state', 'zip'].some((key) => address[key as keyof typeof address] === undefined);

export class PatientsResource {
	constructor(private readonly session: Requester) {}

	/** Name search as the portal's search box does it (up to 25 matches); an exact external ID matches too. */
	async search(query: string): Promise<PatientSummary[]> {
		const text = checkInput(searchQuery, query, 'query');
		const rows = await this.session.request(wire.searchPatients(text));
		return checkOutput(z.array(patientSummarySchema), rows, 'patients/search');
	}

	/** The patient list, page by page (20 rows each) until `limit` rows or the last page. */
	async list(options: PatientListOptions = {}): Promise<PatientListRow[]> {
		const { limit, ...filter } = checkInput(patientListOptionsSchema, options, 'options');
		const rows: PatientListRow[] = [];
		for (let page = 1; ; page++) {
			const answer = await this.session.request(wire.listPatients({ ...filter, page }));
			rows.push(...checkOutput(z.array(patientListRowSchema), answer.rows, 'patients/list'));
			if (page >= answer.pageCount || answer.rows.length === 0 || (limit !== undefined && rows.length >= limit)) break;
		}
		return limit === undefined ? rows : rows.slice(0, limit);
	}

	async get(ref: number | string): Promise<Patient> {
		return this.fetch(checkInput(patientRefSchema, ref, 'patientId'));
	}

	/**
	 * Creates a patient. When the answer is lost and an external ID was given, the patient is looked
	 * up by it rather than created again; without one the lost answer is reported as it is.
	 */
	async create(input: NewPatient): Promise<Patient> {
		const fields = checkInput(newPatientSchema, input, 'patient');
		try {
			return await this.fetch((await this.session.request(wire.createPatient(fields))).id);
		} catch (error) {
			const found = error instanceof WriteOutcomeUnknownError && fields.externalId ? await this.findByExternalId(fields.externalId) : null;
			if (found) return found;
			throw error;
		}
	}

	/** Changes only the fields given; an update without any field is refused before sending. */
	async update(ref: number | string, changes: PatientUpdate): Promise<Patient> {
		const id = checkInput(patientRefSchema, ref, 'patientId');
		const fields = checkInput(patientUpdateSchema, changes, 'changes');
		const current = !isNumericRef(id) || isPartialAddress(fields.address) ? await this.fetch(id) : null;
		return this.write(current?.id ?? Number(id), fields, current);
	}

	/**
	 * Create or update by external ID, safe to run any number of times: the patient is looked up
	 * first; a create whose answer was lost is looked up again (and sent again only if absent), and
	 * a create refused as a duplicate updates the patient the portal named.
	 */
	async upsert(input: PatientUpsert): Promise<PatientWriteResult> {
		const fields = checkInput(patientUpsertSchema, input, 'patient');
		const existing = await this.findByExternalId(fields.externalId);
		if (existing) return { action: 'updated', patient: await this.write(existing.id, fields, existing) };
		return this.createOnce(fields, 2);
	}

	/** The patient whose external ID is exactly `externalId`, or null. */
	async findByExternalId(externalId: string): Promise<Patient | null> {
		const wanted = checkInput(patientUpsertSchema.shape.externalId, externalId, 'externalId');
		// The search box needs 2 characters; a shorter ID is caught by the portal's duplicate check.
		if (wanted.trim().length < 2) return null;
		const matches = await this.session.request(wire.searchPatients(wanted.trim()));
		// Names can contain the text too, and the search ignores case: the record decides.
		for (const match of matches) {
			const patient = await this.fetch(match.id);
			if (patient.externalId === wanted) return patient;
		}
		return null;
	}

	async getPolicies(ref: number | string): Promise<InsurancePolicy[]> {
		const id = checkInput(patientRefSchema, ref, 'patientId');
		return checkOutput(z.array(insurancePolicySchema), await this.session.request(wire.getPolicies(id)), 'patients/policies');
	}

	/**
	 * Sets the patient's policy of one priority: updates the one there is, else creates it. A create
	 * whose answer was lost, or refused because one exists, is settled by reading the policies again.
	 */
	async setPolicy(ref: number | string, input: InsurancePolicyInput): Promise<PolicyWriteResult> {
		const id = checkInput(patientRefSchema, ref, 'patientId');
		const policy = checkInput(insurancePolicyInputSchema, input, 'policy');
		const patientId = isNumericRef(id) ? Number(id) : (await this.fetch(id)).id;
		const current = await this.policyOf(patientId, policy.priority);
		if (current) return { action: 'updated', policy: await this.savePolicy(patientId, current.id, policy) };
		try {
			return { action: 'created', policy: await this.savePolicy(patientId, -1, policy) };
		} catch (error) {
			const existingId = wire.duplicatePolicyOwner(error);
			if (existingId) return { action: 'updated', policy: await this.savePolicy(patientId, existingId, policy) };
			const saved = error instanceof WriteOutcomeUnknownError ? await this.policyOf(patientId, policy.priority) : null;
			if (saved) return { action: 'created', policy: saved };
			throw error;
		}
	}

	async getPortalStatus(ref: number | string): Promise<PatientPortalStatus> {
		const id = checkInput(patientRefSchema, ref, 'patientId');
		return checkOutput(patientPortalStatusSchema, await this.session.request(wire.getPortalStatus(id)), 'portal/status');
	}

	private async fetch(id: PatientRef): Promise<Patient> {
		return checkOutput(patientSchema, await this.session.request(wire.getPatient(id)), 'patients/get');
	}

	private async createOnce(fields: PatientUpsert, attempts: number): Promise<PatientWriteResult> {
		try {
			const { id } = await this.session.request(wire.createPatient(fields));
			return { action: 'created', patient: await this.fetch(id) };
		} catch (error) {
			const ownerId = wire.duplicateExternalIdOwner(error);
			if (ownerId) return { action: 'updated', patient: await this.write(ownerId, fields, await this.fetch(ownerId)) };
			if (!(error instanceof WriteOutcomeUnknownError)) throw error;
			const found = await this.findByExternalId(fields.externalId);
			if (found) return { action: 'created', patient: found };
			// Not there, so the create did not happen; the portal's duplicate check guards the resend.
			if (attempts <= 1) throw error;
			return this.createOnce(fields, attempts - 1);
		}
	}

	/** Saves `fields` onto patient `id` (completing a partial address from `current`), then reads it back. */
	private async write(id: number, fields: PatientUpdate, current: Patient | null): Promise<Patient> {
		const address = fields.address && current ? { ...current.address, ...fields.address } : fields.address;
		await this.session.request(wire.updatePatient(id, { ...fields, address }));
		return this.fetch(id);
	}

	private async policyOf(patientId: number, priority: InsurancePolicy['priority']): Promise<InsurancePolicy | undefined> {
		return (await this.getPolicies(patientId)).find((p) => p.priority === priority);
	}

	/** Saves, then answers the policy as the portal now holds it. */
	private async savePolicy(patientId: number, policyId: number, policy: InsurancePolicyInput): Promise<InsurancePolicy> {
		const { id } = await this.session.request(wire.savePolicy(patientId, policyId, policy));
		const saved = (await this.getPolicies(patientId)).find((p) => p.id === id);
		if (!saved) throw new WriteOutcomeUnknownError('patients/savepolicy', 'the saved policy is not in the patient’s policies');
		return saved;
	}
}
