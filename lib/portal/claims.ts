import { z } from 'zod';
import { wireDate, wireDateTime, wireMoney } from './wireTypes';
import { getAppointment } from './appointments';
import type { PortalCall } from '../session/protocol';
import { jsonCall, type Handler } from './call';
import { centsToDollars, isoToPortalDate, portalDateToIso } from './dates';

/**
 * Wire calls of the claims area (all handlers assumed, see the sandbox README). Claim statuses,
 * dates and dollars are turned into domain values here: statuses camelCase, dates ISO, money cents.
 */
export const CLAIM_HANDLERS = {
	create: { operation: 'claims/create', path: '/app/billing/claims/createclaim.aspx', msg: 2 },
	get: { operation: 'claims/get', path: '/app/billing/claims/loadclaim.aspx', msg: 3 },
	submit: { operation: 'claims/submit', path: '/app/billing/claims/submitclaims.aspx', msg: 4 },
	search: { operation: 'claims/search', path: '/app/billing/claims/searchclaims.aspx', msg: 5 },
	resubmit: { operation: 'claims/resubmit', path: '/app/billing/claims/resubmitclaim.aspx', msg: 6 },
} satisfies Record<string, Handler>;

/** Rows per page of claims/search (assumed, as the sandbox answers). */
export const CLAIMS_PAGE_SIZE = 20;

const STATUS = { Created: 'created', Submitted: 'submitted', Accepted: 'accepted', PendingResubmit: 'pendingResubmit', Paid: 'paid', Denied: 'denied' } as const;
export type WireClaimStatus = keyof typeof STATUS;
const wireStatus = z.enum(Object.keys(STATUS) as [WireClaimStatus, ...WireClaimStatus[]]).transform((s) => STATUS[s]);

/** Domain status → the value the search handler filters on. */
export function wireStatusOf(status: (typeof STATUS)[WireClaimStatus]): WireClaimStatus {
	return (Object.keys(STATUS) as WireClaimStatus[]).find((key) => STATUS[key] === status) ?? 'Created';
}

const id = z.number().int();
const text = z.string().nullable().optional().transform((v) => v ?? '');
const frequency = z.union([z.string(), z.number()]).transform(String).pipe(z.enum(['1', '7', '8']));

const rowSchema = z.object({
	ID: id,
	EncryptedID: z.string().min(1),
	Status: wireStatus,
	PatientID: id,
	PatientEncryptedID: text,
	PatientName: text,
	AppointmentID: id,
	AppointmentEncryptedID: text,
	PayerID: id,
	PayerName: text,
	DateOfService: wireDate,
	ServiceCode: text,
	ChargeAmount: wireMoney,
	PaidAmount: wireMoney,
	PatientResponsibility: wireMoney,
	Frequency: frequency,
	PayerClaimNumber: z.string().nullable(),
	RejectionCodes: z.array(z.string()),
	ERAID: id.nullable(),
	CreatedDate: wireDateTime,
	UpdatedDate: wireDateTime,
	SubmittedDate: wireDateTime.nullable().optional(),
});

function mapRow(r: z.infer<typeof rowSchema>) {
	return {
		id: r.ID,
		encryptedId: r.EncryptedID,
		status: r.Status,
		patientId: r.PatientID,
		patientEncryptedId: r.PatientEncryptedID,
		patientName: r.PatientName,
		appointmentId: r.AppointmentID,
		appointmentEncryptedId: r.AppointmentEncryptedID,
		payerId: r.PayerID,
		payerName: r.PayerName,
		dateOfService: r.DateOfService,
		serviceCode: r.ServiceCode,
		chargeCents: r.ChargeAmount,
		paidCents: r.PaidAmount,
		patientResponsibilityCents: r.PatientResponsibility,
		frequency: r.Frequency,
		payerClaimNumber: r.PayerClaimNumber,
		rejectionCodes: r.RejectionCodes,
		eraId: r.ERAID,
		createdAt: r.CreatedDate,
		updatedAt: r.UpdatedDate,
		submittedAt: r.SubmittedDate ?? null,
	};
}

const addressSchema = z.object({ Street: text, City: text, State: text, Zip: text });
const mapAddress = (a: z.infer<typeof addressSchema>) => ({ street: a.Street, city: a.City, state: a.State, zip: a.Zip });

const personSchema = z.object({ FirstName: text, MiddleName: text, LastName: text, DOB: z.string(), Sex: z.enum(['M', 'F', 'U']), Address: addressSchema });
function mapPerson(p: z.infer<typeof personSchema>) {
	// An empty DOB stays empty: the 837P check then names the missing field instead of a wire error.
	return { firstName: p.FirstName, middleName: p.MiddleName, lastName: p.LastName, dateOfBirth: portalDateToIso(p.DOB) ?? '', sex: p.Sex, address: mapAddress(p.Address) };
}

const lineSchema = z.object({
	LineNumber: id,
	LineControlNumber: text,
	ServiceCode: z.string(),
	Modifiers: z.array(z.string()),
	Units: z.number().int(),
	ChargeAmount: wireMoney,
	ServiceDate: wireDate,
	DiagnosisPointers: z.array(id),
});

const detailSchema = rowSchema.extend({
	PatientControlNumber: z.string(),
	NoteID: id.nullable().optional(),
	BillingProvider: z.object({ Name: z.string(), NPI: z.string(), TaxID: z.string(), Address: addressSchema }),
	RenderingProvider: z.object({ ID: id.nullable().optional(), FirstName: text, LastName: text, NPI: text, Credentials: text }),
	Payer: z.object({ ID: id, Name: z.string(), ElectronicPayerID: z.string() }),
	Subscriber: personSchema.extend({ MemberID: z.string(), GroupNumber: text, Relationship: z.string(), PolicyPriority: id }),
	Patient: personSchema.extend({ ID: id, EncryptedID: text }),
	PlaceOfService: z.string(),
	ServiceFacility: z.object({ Name: z.string(), Address: addressSchema }).nullable().optional(),
	Diagnoses: z.array(z.string()),
	ServiceLines: z.array(lineSchema),
});

function mapDetail(c: z.infer<typeof detailSchema>) {
	return {
		...mapRow(c),
		patientControlNumber: c.PatientControlNumber,
		noteId: c.NoteID ?? null,
		billingProvider: { name: c.BillingProvider.Name, npi: c.BillingProvider.NPI, taxId: c.BillingProvider.TaxID, address: mapAddress(c.BillingProvider.Address) },
		renderingProvider: { id: c.RenderingProvider.ID ?? null, firstName: c.RenderingProvider.FirstName, lastName: c.RenderingProvider.LastName, npi: c.RenderingProvider.NPI, credentials: c.RenderingProvider.Credentials },
		payer: { id: c.Payer.ID, name: c.Payer.Name, electronicPayerId: c.Payer.ElectronicPayerID },
		subscriber: { ...mapPerson(c.Subscriber), memberId: c.Subscriber.MemberID, groupNumber: c.Subscriber.GroupNumber, relationship: c.Subscriber.Relationship, policyPriority: c.Subscriber.PolicyPriority },
		patient: { id: c.Patient.ID, encryptedId: c.Patient.EncryptedID, ...mapPerson(c.Patient) },
		placeOfService: c.PlaceOfService,
		serviceFacility: c.ServiceFacility ? { name: c.ServiceFacility.Name, address: mapAddress(c.ServiceFacility.Address) } : null,
		diagnoses: c.Diagnoses,
		serviceLines: c.ServiceLines.map((l) => ({
			lineNumber: l.LineNumber,
			lineControlNumber: l.LineControlNumber,
			serviceCode: l.ServiceCode,
			modifiers: l.Modifiers,
			units: l.Units,
			chargeCents: l.ChargeAmount,
			serviceDate: l.ServiceDate,
			diagnosisPointers: l.DiagnosisPointers,
		})),
	};
}

export type WireClaimRow = ReturnType<typeof mapRow>;
export type WireClaimDetail = ReturnType<typeof mapDetail>;
type Ref = string | number;

const savedSchema = z.object({ Success: z.literal(true), ID: id, EncryptedID: z.string().min(1), Status: wireStatus });

/** Not idempotent: the portal refuses a second claim for the appointment (DuplicateClaim + ExistingID). */
export function createClaim(appointmentRef: Ref, patientRef?: Ref) {
	const form: Record<string, string> = { calendarentryid: String(appointmentRef) };
	if (patientRef !== undefined) form.patientid = String(patientRef);
	return jsonCall(CLAIM_HANDLERS.create, form, savedSchema, (a) => ({ id: a.ID, encryptedId: a.EncryptedID, status: a.Status }), { idempotent: false, ids: [appointmentRef] });
}

/** The ids a DuplicateClaim refusal carries in its details. */
export const duplicateClaimDetails = z.object({ ExistingID: id, ExistingEncryptedID: z.string().optional() });

export function getClaim(ref: Ref) {
	return jsonCall(CLAIM_HANDLERS.get, { claimid: String(ref) }, z.object({ Claim: detailSchema }), (a) => mapDetail(a.Claim), { idempotent: true, ids: [ref] });
}

export interface ClaimSearchFilters {
	status?: WireClaimStatus;
	patientId?: Ref;
	payerId?: number;
	dateOfServiceFrom?: string;
	dateOfServiceTo?: string;
}

export function searchClaims(filters: ClaimSearchFilters, page: number) {
	const form: Record<string, string> = { status: filters.status ?? 'any', page: String(page) };
	if (filters.patientId !== undefined) form.patientid = String(filters.patientId);
	if (filters.payerId !== undefined) form.payerid = String(filters.payerId);
	if (filters.dateOfServiceFrom) form.dateofservicestart = isoToPortalDate(filters.dateOfServiceFrom);
	if (filters.dateOfServiceTo) form.dateofserviceend = isoToPortalDate(filters.dateOfServiceTo);
	const schema = z.object({ Claims: z.array(rowSchema), PageCount: z.number().int(), TotalCount: z.number().int().optional() });
	return jsonCall(CLAIM_HANDLERS.search, form, schema, (a) => ({ rows: a.Claims.map(mapRow), pageCount: a.PageCount, totalCount: a.TotalCount ?? null }), { idempotent: true });
}

const movedSchema = z.object({ ID: id, EncryptedID: z.string().min(1), Status: wireStatus });

/** All or nothing; a claim that already moved is refused (InvalidTransition), so a resend cannot submit twice. */
export function submitClaims(refs: Ref[]) {
	return jsonCall(
		CLAIM_HANDLERS.submit,
		{ claimids: JSON.stringify(refs) },
		z.object({ Success: z.literal(true), Claims: z.array(movedSchema) }),
		(a) => a.Claims.map((c) => ({ id: c.ID, encryptedId: c.EncryptedID, status: c.Status })),
		{ idempotent: false, ids: refs },
	);
}

export interface Resubmission {
	frequency: '1' | '7' | '8';
	payerClaimNumber?: string;
	chargeCents?: number;
	units?: number;
}

export function resubmitClaim(ref: Ref, change: Resubmission) {
	const form: Record<string, string> = { claimid: String(ref), frequency: change.frequency };
	if (change.payerClaimNumber) form.payerclaimnumber = change.payerClaimNumber;
	const correction = { ...(change.chargeCents === undefined ? {} : { ChargeAmount: centsToDollars(change.chargeCents) }), ...(change.units === undefined ? {} : { Units: change.units }) };
	if (Object.keys(correction).length > 0) form.correction = JSON.stringify(correction);
	const schema = savedSchema.extend({ Frequency: frequency, PayerClaimNumber: z.string().nullable() });
	return jsonCall(CLAIM_HANDLERS.resubmit, form, schema, (a) => ({ id: a.ID, encryptedId: a.EncryptedID, status: a.Status, frequency: a.Frequency, payerClaimNumber: a.PayerClaimNumber }), {
		idempotent: false,
		ids: [ref],
	});
}

/** The appointment's day and patients: the natural key a lost claim create is searched by. */
export function getAppointmentForClaim(ref: Ref): PortalCall<{ id: number; date: string; patientIds: number[] }> {
	const call = getAppointment(ref);
	return {
		...call,
		parse: (response) => {
			const appointment = call.parse(response);
			return { id: appointment.id, date: appointment.start.slice(0, 10), patientIds: appointment.patientIds };
		},
	};
}
