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
