import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { clientFor } from '../transport';

/** The patient picker: names are shown to the user choosing, never logged. */
export async function searchPatients(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	if (!filter || filter.trim().length < 2) return { results: [] };
	const client = await clientFor(this);
	const matches = await client.patients.search(filter);
	return {
		results: matches.map((m) => ({ name: `${m.lastName}, ${m.firstName} (${m.dateOfBirth})`, value: String(m.id), url: undefined })),
	};
}

/** The clinician picker: the practice's clinicians whose name contains the filter (all without one). */
export async function searchClinicians(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim().toLowerCase();
	const clinicians = await (await clientFor(this)).practice.clinicians();
	return {
		results: clinicians
			.filter((c) => !wanted || c.name.toLowerCase().includes(wanted))
			.map((c) => ({ name: c.credentials ? `${c.name}, ${c.credentials}` : c.name, value: String(c.id) })),
	};
}

const PICKER_DAYS = 14;

/**
 * The appointment picker: the practice's appointments of today and the next 13 days whose patient's
 * name contains the filter (all of them without one), soonest first. One schedule request.
 */
export async function searchAppointments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = (filter ?? '').trim().toLowerCase();
	const from = new Date().toISOString().slice(0, 10);
	const to = new Date(Date.parse(`${from}T00:00:00Z`) + (PICKER_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
	const appointments = await (await clientFor(this)).appointments.list({ from, to });
	const named = appointments.map((a) => ({ appointment: a, names: a.patients.map((p) => `${p.lastName}, ${p.firstName}`).join('; ') }));
	return {
		results: named
			.filter(({ names }) => !wanted || names.toLowerCase().includes(wanted))
			.sort((a, b) => a.appointment.start.localeCompare(b.appointment.start))
			.map(({ appointment, names }) => ({ name: `${appointment.start.replace('T', ' ')} – ${names || 'no patient'}`, value: String(appointment.id) })),
	};
}
