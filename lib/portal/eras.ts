import { z } from 'zod';
import { PortalChangedError } from '../session/errors';
import type { PortalCall } from '../session/protocol';
import type { HttpResponse } from '../session/transport';
import { parseText } from './answers';
import { jsonCall, type Handler } from './call';
import { isoToPortalDate, moneyTextToCents, portalDateToIso } from './dates';
import { wireDate, wireMoney } from './wireTypes';

/**
 * Wire calls of the ERA area: the search handler (confirmed), mark-processed (assumed), and two
 * pages: the ERA view (URL confirmed, markup assumed) and the 835 download (assumed).
 */
export const ERA_HANDLERS = {
	search: { operation: 'eras/search', path: '/app/billing/eras/searcheras.aspx', msg: 3 },
	markProcessed: { operation: 'eras/markprocessed', path: '/app/billing/eras/markprocessed.aspx', msg: 4 },
} satisfies Record<string, Handler>;

export const ERA_PAGES = {
	view: { operation: 'eras/view', path: (ref: string) => `/app/billing/eras/view/${encodeURIComponent(ref)}/` },
	download: { operation: 'eras/download', path: (ref: string) => `/app/billing/eras/download/${encodeURIComponent(ref)}/` },
} as const;

const id = z.number().int();
const STATUS = { Unprocessed: 'unprocessed', Processed: 'processed' } as const;
const eraStatus = z.enum(['Unprocessed', 'Processed']).transform((s) => STATUS[s]);

const rowSchema = z.object({
	ID: id,
	EncryptedID: z.string().min(1),
	PayerID: id.nullable(),
	PayerName: z.string(),
	CheckNumber: z.string().nullable(),
	TraceNumber: z.string(),
	CheckDate: wireDate,
	ReceivedDate: wireDate,
	PaymentAmount: wireMoney,
	ClaimCount: id,
	Status: eraStatus,
	Source: z.enum(['Electronic', 'Upload']).transform((s) => (s === 'Upload' ? ('upload' as const) : ('electronic' as const))),
});

function mapRow(r: z.infer<typeof rowSchema>) {
	return {
		id: r.ID,
		encryptedId: r.EncryptedID,
		payerId: r.PayerID,
		payerName: r.PayerName,
		checkNumber: r.CheckNumber ?? r.TraceNumber,
		traceNumber: r.TraceNumber,
		checkDate: r.CheckDate,
		receivedDate: r.ReceivedDate,
		paymentAmountCents: r.PaymentAmount,
		claimCount: r.ClaimCount,
		status: r.Status,
		source: r.Source as 'electronic' | 'upload' | null,
	};
}

export type WireEraRow = ReturnType<typeof mapRow>;

export interface EraSearchFilters {
	status?: 'any' | 'unprocessed' | 'processed';
	receivedFrom?: string;
	receivedTo?: string;
}

export function searchEras(filters: EraSearchFilters, page: number) {
	const form: Record<string, string> = { status: filters.status ?? 'any', page: String(page) };
	if (filters.receivedFrom) form.receiveddaterangestart = isoToPortalDate(filters.receivedFrom);
	if (filters.receivedTo) form.receiveddaterangeend = isoToPortalDate(filters.receivedTo);
	const schema = z.object({ ERAs: z.array(rowSchema), PageCount: z.number().int(), TotalCount: z.number().int().optional() });
	return jsonCall(ERA_HANDLERS.search, form, schema, (a) => ({ rows: a.ERAs.map(mapRow), pageCount: a.PageCount, totalCount: a.TotalCount ?? null }), { idempotent: true });
}

/** The portal answers a second mark as a no-op (AlreadyProcessed), so the call may be retried. */
export function markEraProcessed(ref: string | number) {
	const schema = z.object({ ID: id, EncryptedID: z.string().min(1), Status: eraStatus, AlreadyProcessed: z.boolean(), PostedClaimIDs: z.array(id) });
	return jsonCall(
		ERA_HANDLERS.markProcessed,
		{ eraid: String(ref) },
		schema,
		(a) => ({ id: a.ID, encryptedId: a.EncryptedID, status: a.Status, alreadyProcessed: a.AlreadyProcessed, postedClaimIds: a.PostedClaimIDs }),
		{ idempotent: true, ids: [ref] },
	);
}

function pageCall<T>(operation: string, path: string, ref: string | number, parse: (response: HttpResponse) => T): PortalCall<T> {
	return { operation, method: 'GET', path, idempotent: true, kind: 'call', ids: [ref], parse };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const decode = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]).trim();

/** The text of the element marked data-testid=`testId`; a missing one means the page changed. */
function cell(html: string, testId: string): string {
	const match = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html);
	if (!match) throw new PortalChangedError(ERA_PAGES.view.operation, testId, 'missing from the ERA page');
	return decode(match[1]);
}

function attribute(tag: string, name: string): string {
	const match = new RegExp(`${name}="([^"]*)"`).exec(tag);
	if (!match) throw new PortalChangedError(ERA_PAGES.view.operation, `era-detail ${name}`, 'missing from the ERA page');
	return decode(match[1]);
}

function parsed<T>(testId: string, value: T | null): T {
	if (value === null) throw new PortalChangedError(ERA_PAGES.view.operation, testId, 'not in the expected format');
	return value;
}

/** The ERA view page's facts: what the portal shows a biller before opening the 835. */
function parseViewPage(html: string): WireEraRow {
	const tag = /<[^>]*data-testid="era-detail"[^>]*>/.exec(html)?.[0];
	if (!tag) throw new PortalChangedError(ERA_PAGES.view.operation, 'era-detail', 'missing from the ERA page');
	const status = cell(html, 'era-status');
	const count = cell(html, 'era-claim-count');
	const trace = cell(html, 'era-trace-number');
	return {
		id: parsed('data-era-id', /^\d+$/.test(attribute(tag, 'data-era-id')) ? Number(attribute(tag, 'data-era-id')) : null),
		encryptedId: attribute(tag, 'data-encrypted-id'),
		payerId: null,
		payerName: cell(html, 'era-payer-name'),
		// The page shows one number: TRN02 is the check number for a check and the trace for an EFT.
		checkNumber: trace,
		traceNumber: trace,
		checkDate: parsed('era-check-date', portalDateToIso(cell(html, 'era-check-date'))),
		receivedDate: parsed('era-received-date', portalDateToIso(cell(html, 'era-received-date'))),
		paymentAmountCents: parsed('era-payment-amount', moneyTextToCents(cell(html, 'era-payment-amount'))),
		claimCount: parsed('era-claim-count', /^\d+$/.test(count) ? Number(count) : null),
		status: parsed('era-status', status === 'Processed' ? 'processed' : status === 'Unprocessed' ? 'unprocessed' : null),
		source: null,
	};
}

export function viewEra(ref: string | number) {
	return pageCall(ERA_PAGES.view.operation, ERA_PAGES.view.path(String(ref)), ref, (response) => parseViewPage(parseText(ERA_PAGES.view.operation, response, /^text\/html/i)));
}

/** The 835 as the portal serves it; only the content type is checked here, the text is X12. */
export function downloadEra(ref: string | number) {
	return pageCall(ERA_PAGES.download.operation, ERA_PAGES.download.path(String(ref)), ref, (response) =>
		parseText(ERA_PAGES.download.operation, response, /^(application\/(edi-x12|x12|octet-stream)|text\/plain)/i),
	);
}
