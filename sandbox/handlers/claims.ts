import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { Claim } from '../data/types';
import { asArray, asObject, findPatient, ok, optInt, optMoney, paginate, saved } from './common';
import { assertMovable, moveClaim, recordStatusesFor, WIRE_CLAIM_STATUSES, wireClaimStatus } from './claimsRules';
import { claimDetail, claimRow, findClaim } from './claimsWire';
import { createClaim } from './claimsCreate';
import { formDateRange, inRange } from './claimsForm';

const PAGE_SIZE = 20;
const MAX_SUBMIT = 100;
const FREQUENCIES = ['1', '7', '8'] as const;

/**
 * When the claim's status last changed (the assumed `statusdate` sort): a change that did not stamp
 * it (an uploaded ERA's posting) still updated the claim, so the later of the two.
 */
export const claimStatusDate = (c: Claim): string => (c.statusChangedAt && c.statusChangedAt > c.updatedAt ? c.statusChangedAt : c.updatedAt);

/** Sort keys of claims/search, newest first. */
const SORTS: Record<string, (state: HandlerArgs['state'], claim: Claim) => string> = {
	dateofservice: (state, c) => state.store.appointments.get(c.appointmentId)?.start ?? '',
	statusdate: (_state, c) => claimStatusDate(c),
};

function create({ ctx, state, now }: HandlerArgs) {
	const claim = createClaim(state, ctx.str('calendarentryid', { required: true, max: 40 }), ctx.str('patientid', { max: 40 }), now);
	return saved(claim.id, claim.encryptedId, { Status: wireClaimStatus(claim.status) });
}

function get({ ctx, state }: HandlerArgs) {
	return ok({ Claim: claimDetail(state, findClaim(state, ctx.str('claimid', { required: true, max: 40 }))) });
}

function search({ ctx, state }: HandlerArgs) {
	const statusText = ctx.str('status', { max: 30 }).trim();
	const anyStatus = statusText === '' || /^(any|all)$/i.test(statusText);
	const statuses = anyStatus ? null : recordStatusesFor(statusText);
	if (!anyStatus && !statuses) throw new PortalError(`Field 'status' must be any or one of ${WIRE_CLAIM_STATUSES.join(', ')}.`);
	const patientRef = ctx.str('patientid', { max: 40 });
	const patientId = patientRef ? findPatient(state, patientRef).id : null;
	const payerId = ctx.int('payerid', { fallback: -1 });
	const range = formDateRange(ctx, 'dateofservicestart', 'dateofserviceend');
	const sortKey = (ctx.str('sortparameter', { max: 30 }) || 'dateofservice').toLowerCase();
	if (!Object.hasOwn(SORTS, sortKey)) throw new PortalError(`Field 'sortparameter' must be one of ${Object.keys(SORTS).join(', ')}.`);
	const dateOf = (c: Claim) => SORTS[sortKey](state, c);
	const rows = [...state.store.claims.values()].filter(
		(c) =>
			(!statuses || statuses.includes(c.status)) &&
			(patientId === null || c.patientId === patientId) &&
			(payerId === -1 || c.payerId === payerId) &&
			inRange(dateOf(c).slice(0, 10), range),
	);
	// Newest first (date of service, or status date); the id breaks ties so pages never overlap.
	rows.sort((a, b) => (dateOf(a) < dateOf(b) ? 1 : dateOf(a) > dateOf(b) ? -1 : b.id - a.id));
	const { rows: pageRows, pageCount } = paginate(rows, ctx.int('page', { fallback: 1 }), PAGE_SIZE);
	return { Claims: pageRows.map((c) => claimRow(state, c)), PageCount: pageCount, TotalCount: rows.length };
}

function submit({ ctx, state, now }: HandlerArgs) {
	const refs = asArray(ctx.json('claimids'), 'claimids');
	if (refs.length === 0 || refs.length > MAX_SUBMIT) throw new PortalError(`'claimids' must list 1 to ${MAX_SUBMIT} claims.`);
	const claims = new Map<number, Claim>();
	refs.forEach((ref, index) => {
		try {
			const claim = findClaim(state, ref);
			claims.set(claim.id, claim);
		} catch {
			throw new PortalError(`'claimids[${index}]' is not a claim of this practice.`, 'NotFound');
		}
	});
	// All or nothing: a batch with one claim that cannot go out changes nothing.
	assertMovable([...claims.values()], 'submit');
	for (const claim of claims.values()) moveClaim(state, claim, 'submit', now);
	return ok({ Claims: [...claims.values()].map((c) => ({ ID: c.id, EncryptedID: c.encryptedId, Status: wireClaimStatus(c.status) })) });
}

/** Reads and checks everything before the claim changes, so a refusal leaves it as it was. */
function readResubmission(ctx: HandlerArgs['ctx'], claim: Claim) {
	const frequency = ctx.str('frequency', { required: true, max: 2 }).trim();
	if (!(FREQUENCIES as readonly string[]).includes(frequency)) throw new PortalError(`Field 'frequency' must be 1 (original), 7 (replacement) or 8 (void).`);
	const given = ctx.str('payerclaimnumber', { max: 50 }).trim();
	if (given && !/^[A-Za-z0-9-]+$/.test(given)) throw new PortalError(`Field 'payerclaimnumber' may hold only letters, digits and hyphens.`);
	const correction = ctx.str('correction') ? asObject(ctx.json('correction'), 'correction') : {};
	const chargeCents = optMoney(correction, 'ChargeAmount', 'correction');
	if (chargeCents === 0) throw new PortalError(`'correction.ChargeAmount' must be more than 0.00.`);
	const units = optInt(correction, 'Units', 'correction');
	if (units !== undefined && (units < 1 || units > 99)) throw new PortalError(`'correction.Units' must be 1 to 99.`);
	assertMovable([claim], 'resubmit');
	if (frequency === '1' && (claim.status === 'Paid' || claim.status === 'Denied')) {
		throw new PortalError(`Claim ${claim.id} is ${claim.status}: the payer has adjudicated it, so it can only be replaced (7) or voided (8).`, 'InvalidFrequency');
	}
	const payerClaimNumber = given || claim.payerClaimNumber;
	if (frequency !== '1' && !payerClaimNumber) {
		throw new PortalError(`A replacement (7) or void (8) needs the payer's claim number: pass 'payerclaimnumber'.`, 'PayerClaimNumberRequired');
	}
	return { frequency: frequency as Claim['frequency'], payerClaimNumber, chargeCents, units };
}

function resubmit({ ctx, state, now }: HandlerArgs) {
	const claim = findClaim(state, ctx.str('claimid', { required: true, max: 40 }));
	const change = readResubmission(ctx, claim);
	moveClaim(state, claim, 'resubmit', now);
	claim.frequency = change.frequency;
	claim.payerClaimNumber = change.payerClaimNumber;
	claim.chargeCents = change.chargeCents ?? claim.chargeCents;
	claim.units = change.units ?? claim.units;
	return saved(claim.id, claim.encryptedId, { Status: wireClaimStatus(claim.status), Frequency: claim.frequency, PayerClaimNumber: claim.payerClaimNumber });
}

export const CLAIMS_HANDLERS: PortalHandler[] = [
	{ name: 'claims/create', path: '/app/billing/claims/createclaim.aspx', msg: 2, provenance: 'assumed', fields: 'calendarentryid (ID or EncryptedID), patientid (only for a group appointment)', answer: '`Success`, `ID`, `EncryptedID`, `Status`; refusals `AppointmentNotCompleted`, `NoteNotSigned`, `SelfPay`, `NotCovered`, `DuplicateClaim` (+ `ExistingID`, `ExistingEncryptedID`)', handle: create },
	{ name: 'claims/get', path: '/app/billing/claims/loadclaim.aspx', msg: 3, provenance: 'assumed', fields: 'claimid (ID or EncryptedID)', answer: '`Claim`: list row + PatientControlNumber, BillingProvider{Name, NPI, TaxID, Address}, RenderingProvider{NPI}, Payer{Name, ElectronicPayerID}, Subscriber, Patient, PlaceOfService, ServiceFacility, Diagnoses[], ServiceLines[{ServiceCode, Modifiers, Units, ChargeAmount, ServiceDate, LineControlNumber, DiagnosisPointers}]', handle: get },
	{ name: 'claims/search', path: '/app/billing/claims/searchclaims.aspx', msg: 5, provenance: 'assumed', fields: 'status (any, Created, Submitted, Accepted, PendingResubmit, Paid, Denied), patientid, payerid, dateofservicestart/end (M/D/YYYY), page, sortparameter (dateofservice default; statusdate = when the status last changed — assumed), newest first', answer: '`Claims[]`: ID, EncryptedID, Status, PatientID, PatientName, PayerName, DateOfService, ServiceCode, ChargeAmount, PaidAmount, PatientResponsibility, Frequency, PayerClaimNumber, RejectionCodes[], ERAID, …; `PageCount`, `TotalCount`; 20 a page', handle: search },
	{ name: 'claims/submit', path: '/app/billing/claims/submitclaims.aspx', msg: 4, provenance: 'assumed', fields: 'claimids = JSON list of IDs or EncryptedIDs (1–100)', answer: '`Claims[]` {ID, EncryptedID, Status}; all or nothing: `ErrorCode: InvalidTransition` with `Claims[]` {ID, Status, Reason}', handle: submit },
	{ name: 'claims/resubmit', path: '/app/billing/claims/resubmitclaim.aspx', msg: 6, provenance: 'assumed', fields: 'claimid, frequency (1, 7, 8), payerclaimnumber, correction = JSON {ChargeAmount, Units}', answer: '`Success`, `ID`, `EncryptedID`, `Status`, `Frequency`, `PayerClaimNumber`; refusals `InvalidTransition`, `InvalidFrequency`, `PayerClaimNumberRequired`', handle: resubmit },
];
