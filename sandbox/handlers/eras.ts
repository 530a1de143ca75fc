import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { Era } from '../data/types';
import { ok, paginate } from './common';
import { formDateRange, inRange } from './claimsForm';
import { eraRow, findEra } from './erasRemittance';
import { uploadEras } from './erasUpload';
import { postEra } from './erasPosting';

const PAGE_SIZE = 20;
const MAX_FILE_CHARS = 5_000_000;
const STATUS_FILTERS: Record<string, Era['status'] | null> = { '': null, any: null, all: null, unprocessed: 'Unprocessed', processed: 'Processed' };

function search({ ctx, state }: HandlerArgs) {
	const statusText = ctx.str('status', { max: 20 }).trim().toLowerCase();
	if (!Object.hasOwn(STATUS_FILTERS, statusText)) throw new PortalError(`Field 'status' must be any, unprocessed or processed.`);
	const status = STATUS_FILTERS[statusText];
	const range = formDateRange(ctx, 'receiveddaterangestart', 'receiveddaterangeend');
	const rows = [...state.store.eras.values()].filter((e) => (!status || e.status === status) && inRange(e.receivedAt.slice(0, 10), range));
	// Newest first; the id breaks ties so pages never overlap.
	rows.sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : b.id - a.id));
	const { rows: pageRows, pageCount } = paginate(rows, ctx.int('page', { fallback: 1 }), PAGE_SIZE);
	return { ERAs: pageRows.map((e) => eraRow(state, e)), PageCount: pageCount, TotalCount: rows.length };
}

function upload({ ctx, state, now }: HandlerArgs) {
	// The name comes back in a Content-Disposition header, so only safe characters are kept.
	const fileName = ctx.str('filename', { required: true, max: 255 }).replace(/[^A-Za-z0-9._-]/g, '_');
	const content = ctx.str('content', { required: true, max: MAX_FILE_CHARS });
	const result = uploadEras(state, { fileName, content, now });
	return ok({
		Duplicate: result.stored.length === 0,
		ERAs: result.stored.map((e) => eraRow(state, e)),
		Duplicates: result.duplicates,
		UnknownClaimNumbers: result.unknownClaimNumbers,
	});
}

function markProcessed({ ctx, state, now }: HandlerArgs) {
	const era = findEra(state, ctx.str('eraid', { required: true, max: 40 }));
	// Marking twice is a no-op that says so, so a retried call is safe.
	if (era.status === 'Processed') return ok({ ID: era.id, EncryptedID: era.encryptedId, Status: era.status, AlreadyProcessed: true, PostedClaimIDs: [] });
	const posted = postEra(state, era, now);
	era.status = 'Processed';
	state.store.record('process', 'era', era.id, now);
	return ok({ ID: era.id, EncryptedID: era.encryptedId, Status: era.status, AlreadyProcessed: false, PostedClaimIDs: posted });
}

export const ERAS_HANDLERS: PortalHandler[] = [
	{ name: 'eras/search', path: '/app/billing/eras/searcheras.aspx', msg: 3, provenance: 'confirmed', fields: 'status (any, unprocessed, processed — values assumed), receiveddaterangestart/end (M/D/YYYY), page', answer: '`ERAs[]`: ID, EncryptedID, PayerID, PayerName, CheckNumber, TraceNumber, CheckDate, ReceivedDate, PaymentAmount, ClaimCount, Status, Source; `PageCount` (row fields and 20 a page assumed)', handle: search },
	{ name: 'eras/upload', path: '/app/billing/eras/uploadera.aspx', msg: 2, provenance: 'assumed', fields: 'filename, content (the 835 text)', answer: '`Duplicate` (true when nothing new was stored), `ERAs[]` stored, `Duplicates[]` {TraceNumber, ExistingID, ExistingEncryptedID}, `UnknownClaimNumbers[]`; a malformed or unbalanced file → `ErrorCode: InvalidFile`', handle: upload },
	{ name: 'eras/markprocessed', path: '/app/billing/eras/markprocessed.aspx', msg: 4, provenance: 'assumed', fields: 'eraid (ID or EncryptedID)', answer: '`ID`, `EncryptedID`, `Status: Processed`, `AlreadyProcessed`, `PostedClaimIDs[]` (claims the ERA moved to Paid/Denied)', handle: markProcessed },
];
