import { z } from 'zod';
import { eras as eraWire, newestFirst } from '../../portal';
import type { Requester } from '../resources/patients';
import { claimSummarySchema, type ClaimSummary } from '../schemas/claims';
import { eraSummarySchema, type EraSummary } from '../schemas/eras';
import { noteSummarySchema, type NoteSummary } from '../schemas/notes';
import { patientListRowSchema, type PatientListRow } from '../schemas/patient';
import { checkOutput } from '../validation';
import type { RecentPage } from './recentScan';

/** One page of each list the trigger watches, newest first; the sorts themselves live in lib/portal. */

/** Every patient (active or not), highest id (newest) first. */
export async function newestPatients(session: Requester, page: number): Promise<RecentPage<PatientListRow>> {
	const answer = await session.request(newestFirst.newestPatients(page));
	return { rows: checkOutput(z.array(patientListRowSchema), answer.rows, 'patients/list'), pageCount: answer.pageCount };
}

/** Signed notes (never psychotherapy notes), most recently fully signed first. */
export async function recentlySignedNotes(session: Requester, page: number): Promise<RecentPage<NoteSummary>> {
	const answer = await session.request(newestFirst.recentlySignedNotes(page));
	const rows = checkOutput(z.array(noteSummarySchema), answer.notes, 'notes/list').filter((n) => n.noteType !== 'psychotherapyNote');
	return { rows, pageCount: answer.pageCount };
}

/** Every claim, most recent status change first. */
export async function recentClaimStatuses(session: Requester, page: number): Promise<RecentPage<ClaimSummary>> {
	const answer = await session.request(newestFirst.recentClaimStatuses(page));
	return { rows: checkOutput(z.array(claimSummarySchema), answer.rows, 'claims/search'), pageCount: answer.pageCount };
}

/** Every ERA, most recently received first (the portal's own order). */
export async function recentEras(session: Requester, page: number): Promise<RecentPage<EraSummary>> {
	const answer = await session.request(eraWire.searchEras({}, page));
	return { rows: checkOutput(z.array(eraSummarySchema), answer.rows, 'eras/search'), pageCount: answer.pageCount };
}
