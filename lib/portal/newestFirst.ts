import type { PortalCall } from '../session/protocol';
import { searchClaims } from './claims';
import { listNotes } from './notes';
import { listPatients } from './patients';

/**
 * The lists a polling trigger reads, sorted newest first with the portal's list sort fields.
 * `id` descending on the patient list is one of the portal's own sorts; `datesigned` on the notes
 * list and `statusdate` on the claims search are assumed (the UI shows both dates).
 */
function sorted<T>(call: PortalCall<T>, sortparameter: string, ascending?: boolean): PortalCall<T> {
	const form: Record<string, string> = { ...call.form, sortparameter };
	if (ascending !== undefined) form.sortascending = String(ascending);
	return { ...call, form };
}

export const newestPatients = (page: number) => sorted(listPatients({ page, status: 'any' }), 'id', false);

export const recentlySignedNotes = (page: number) => sorted(listNotes({ status: 'signed' }, page), 'datesigned');

export const recentClaimStatuses = (page: number) => sorted(searchClaims({}, page), 'statusdate');
