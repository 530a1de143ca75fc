import { z } from 'zod';
import { patients as wire } from '../../portal';
import type { PortalSession } from '../../session';
import { patientRefSchema, patientSchema, patientSummarySchema, type Patient, type PatientSummary } from '../schemas/patient';
import { checkInput, checkOutput } from '../validation';

export type Requester = Pick<PortalSession, 'request'>;

const searchQuery = z.string().trim().min(2, 'needs at least 2 characters').max(100, 'is longer than 100 characters');

export class PatientsResource {
	constructor(private readonly session: Requester) {}

	/** Name search as the portal's search box does it (up to 25 matches). */
	async search(query: string): Promise<PatientSummary[]> {
		const text = checkInput(searchQuery, query, 'query');
		const rows = await this.session.request(wire.searchPatients(text));
		return checkOutput(z.array(patientSummarySchema), rows, 'patients/search');
	}

	async get(ref: number | string): Promise<Patient> {
		const id = checkInput(patientRefSchema, ref, 'patientId');
		return checkOutput(patientSchema, await this.session.request(wire.getPatient(id)), 'patients/get');
	}
}
