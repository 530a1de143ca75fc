import { z } from 'zod';
import { wireDate, wireDateTime, wireMoney } from './wireTypes';
import { jsonCall, type Handler } from './call';
import { PortalRefusalError } from '../session/errors';
import { centsToDollars, isoToPortalDate } from './dates';

export const PATIENT_HANDLERS = {
	search: { operation: 'patients/search', path: '/app/common/searchforpatient.aspx', msg: 20 },
	list: { operation: 'patients/list', path: '/app/patients/loadpatientlist.aspx', msg: 5 },
	get: { operation: 'patients/get', path: '/app/patients/loadpatient.aspx', msg: 2 },
	save: { operation: 'patients/save', path: '/app/patients/savepatient.aspx', msg: 8 },
	policies: { operation: 'patients/policies', path: '/app/patients/insurance/loadpolicies.aspx', msg: 3 },
	savePolicy: { operation: 'patients/savepolicy', path: '/app/patients/insurance/savepolicy.aspx', msg: 4 },
	portalStatus: { operation: 'portal/status', path: '/app/patients/portal/loadportalstatus.aspx', msg: 2 },
} satisfies Record<string, Handler>;

/** Rows a page of the patient list holds (confirmed). */
export const PATIENT_LIST_PAGE_SIZE = 20;

/** Dollars, written by the portal as a number or a decimal string → integer cents. */

/** A record's ID or EncryptedID, sent as a form field. */
type Ref = string | number;

const matchSchema = z.object({
	ID: z.number().int(),
	EncryptedID: z.string().min(1),
	FirstName: z.string(),
	MiddleName: z.string().nullable().optional(),
	LastName: z.string(),
	DOB: wireDate,
	PortalUserId: z.number().int().nullable().optional(),
	AssignedClinicians: z.array(z.object({ ID: z.number().int(), Name: z.string() })).optional(),
});

export function mapPatientMatch(m: z.infer<typeof matchSchema>) {
	return {
		id: m.ID,
		encryptedId: m.EncryptedID,
		firstName: m.FirstName,
		middleName: m.MiddleName ?? '',
		lastName: m.LastName,
		dateOfBirth: m.DOB,
		assignedClinicianIds: (m.AssignedClinicians ?? []).map((c) => c.ID),
	};
}

/** The search box: names containing the query, last names starting with it, or an exact external ID. */
export function searchPatients(query: string) {
	return jsonCall(
		PATIENT_HANDLERS.search,
		{ searchquery: query, practiceid: '-1', assigneduserid: '-1', param: '{}' },
		z.object({ Matches: z.array(matchSchema) }),
		(answer) => answer.Matches.map(mapPatientMatch),
		{ idempotent: true },
	);
}

export interface PatientListFilter {
	page: number;
	status: 'active' | 'inactive' | 'any';
	clinicianId?: number;
	name?: string;
}

export function listPatients(filter: PatientListFilter) {
	return jsonCall(
		PATIENT_HANDLERS.list,
		{
			page: String(filter.page),
			sortparameter: 'lastname',
			sortascending: 'true',
			patient: filter.name ?? '',
			assignment: filter.clinicianId === undefined ? 'any' : `clinician-${filter.clinicianId}`,
			status: filter.status,
		},
		z.object({ Matches: z.array(matchSchema.extend({ InsuranceProvider: z.string().nullable() })), PageCount: z.number().int().nonnegative() }),
		(answer) => ({
			rows: answer.Matches.map((m) => ({ ...mapPatientMatch(m), insuranceProvider: m.InsuranceProvider ?? '' })),
			pageCount: answer.PageCount,
		}),
		{ idempotent: true },
	);
}

/** The patient fields a save may carry; undefined means "leave as it is". */
export interface PatientFields {
	firstName?: string;
	middleName?: string;
	lastName?: string;
	dateOfBirth?: string;
	sex?: 'M' | 'F' | 'U';
	email?: string;
	phone?: string;
	/** The portal replaces the address whole: parts not given are saved blank. */
	address?: { street?: string; city?: string; state?: string; zip?: string };
	/** null clears it. */
	externalId?: string | null;
	status?: 'active' | 'inactive';
	assignedClinicianId?: number;
	sessionFeeCents?: number;
}

/** The wire object of a save. JSON drops undefined keys, so the portal leaves those fields unchanged. */
function patientWire(id: number, f: PatientFields): Record<string, unknown> {
	return {
		ID: id,
		FirstName: f.firstName,
		MiddleName: f.middleName,
		LastName: f.lastName,
		DOB: f.dateOfBirth === undefined ? undefined : isoToPortalDate(f.dateOfBirth),
		Sex: f.sex,
		Email: f.email,
		Phone: f.phone,
		Address: f.address && { Street: f.address.street ?? '', City: f.address.city ?? '', State: f.address.state ?? '', Zip: f.address.zip ?? '' },
		ExternalID: f.externalId === null ? '' : f.externalId,
		Status: f.status && (f.status === 'active' ? 'Active' : 'Inactive'),
		AssignedClinicianID: f.assignedClinicianId,
		SessionFee: f.sessionFeeCents === undefined ? undefined : centsToDollars(f.sessionFeeCents),
	};
}

const savedSchema = z.object({ Success: z.literal(true), ID: z.number().int(), EncryptedID: z.string().min(1) });

export type NewPatientInput = PatientFields & { firstName: string; lastName: string; dateOfBirth: string };

/**
 * ID -1 creates, and is not idempotent: a second send makes a second patient, so a lost answer
 * surfaces as WriteOutcomeUnknownError and the client looks the patient up by external ID (the
 * portal refuses a duplicate one: `DuplicateExternalId`, `ExistingID`). An update sets the given
 * fields to given values: sent twice it leaves the same record, so it may be retried.
 */
function savePatient(id: number, fields: PatientFields) {
	const form = { patient: JSON.stringify(patientWire(id, fields)) };
	const call = jsonCall(PATIENT_HANDLERS.save, form, savedSchema, (a) => ({ id: a.ID, encryptedId: a.EncryptedID }), { idempotent: id !== -1, ids: id === -1 ? [] : [id] });
	return { ...call, kind: 'write' as const };
}

export const createPatient = (input: NewPatientInput) => savePatient(-1, input);
export const updatePatient = (id: number, fields: PatientFields) => savePatient(id, fields);

const detailSchema = z.object({
	Success: z.literal(true),
	Patient: matchSchema.extend({
		Sex: z.enum(['M', 'F', 'U']),
		Email: z.string().nullable(),
		Phone: z.string().nullable(),
		Address: z.object({ Street: z.string(), City: z.string(), State: z.string(), Zip: z.string() }),
		ExternalID: z.string().nullable(),
		Status: z.enum(['Active', 'Inactive']),
		PortalStatus: z.string(),
		SessionFee: wireMoney,
		FeePolicyAcknowledged: z.boolean(),
	}),
});

export function getPatient(idOrEncryptedId: Ref) {
	return jsonCall(
		PATIENT_HANDLERS.get,
		{ patientid: String(idOrEncryptedId) },
		detailSchema,
		({ Patient: p }) => ({
			...mapPatientMatch(p),
			sex: p.Sex,
			email: p.Email ?? '',
			phone: p.Phone ?? '',
			address: { street: p.Address.Street, city: p.Address.City, state: p.Address.State, zip: p.Address.Zip },
			externalId: p.ExternalID,
			status: p.Status === 'Active' ? ('active' as const) : ('inactive' as const),
			portalStatus: p.PortalStatus,
			sessionFeeCents: p.SessionFee,
			feePolicyAcknowledged: p.FeePolicyAcknowledged,
		}),
		{ idempotent: true, ids: [idOrEncryptedId] },
	);
}

const PRIORITIES = { Primary: 'primary', Secondary: 'secondary', Tertiary: 'tertiary' } as const;
type WirePriority = keyof typeof PRIORITIES;
export type PolicyPriority = (typeof PRIORITIES)[WirePriority];

const policySchema = z.object({
	ID: z.number().int(),
	PatientID: z.number().int(),
	Priority: z.enum(['Primary', 'Secondary', 'Tertiary']),
	PayerID: z.number().int(),
	PayerName: z.string(),
	ElectronicPayerID: z.string().optional(),
	MemberID: z.string(),
	GroupNumber: z.string().nullable(),
	Copay: wireMoney,
	StartDate: wireDate,
	EndDate: wireDate.nullable(),
	Relationship: z.string().optional(),
});

export function getPolicies(patient: Ref) {
	return jsonCall(
		PATIENT_HANDLERS.policies,
		{ patientid: String(patient) },
		z.object({ Success: z.literal(true), Policies: z.array(policySchema) }),
		(answer) =>
			answer.Policies.map((p) => ({
				id: p.ID,
				patientId: p.PatientID,
				priority: PRIORITIES[p.Priority],
				payerId: p.PayerID,
				payerName: p.PayerName,
				electronicPayerId: p.ElectronicPayerID ?? '',
				memberId: p.MemberID,
				groupNumber: p.GroupNumber ?? '',
				copayCents: p.Copay,
				startDate: p.StartDate,
				endDate: p.EndDate,
				relationship: p.Relationship ?? 'self',
			})),
		{ idempotent: true, ids: [patient] },
	);
}

export interface PolicyFields {
	priority: PolicyPriority;
	payerId: number;
	memberId: string;
	groupNumber?: string;
	copayCents?: number;
	startDate?: string;
	endDate?: string;
}

function wirePriority(priority: PolicyPriority): WirePriority {
	return (Object.keys(PRIORITIES) as WirePriority[]).find((key) => PRIORITIES[key] === priority) ?? 'Primary';
}

/**
 * `policyId` -1 creates. An update sets absolute values, so it may be retried; a create may not
 * (the portal refuses a second policy of one priority with `DuplicatePolicy` and `ExistingID`).
 */
export function savePolicy(patientId: number, policyId: number, f: PolicyFields) {
	const policy = {
		ID: policyId,
		PatientID: patientId,
		Priority: wirePriority(f.priority),
		PayerID: f.payerId,
		MemberID: f.memberId,
		GroupNumber: f.groupNumber,
		Copay: f.copayCents === undefined ? undefined : centsToDollars(f.copayCents),
		StartDate: f.startDate && isoToPortalDate(f.startDate),
		EndDate: f.endDate && isoToPortalDate(f.endDate),
	};
	const call = jsonCall(PATIENT_HANDLERS.savePolicy, { policy: JSON.stringify(policy) }, z.object({ Success: z.literal(true), ID: z.number().int() }), (a) => ({ id: a.ID }), {
		idempotent: policyId !== -1,
		ids: [patientId],
	});
	return { ...call, kind: 'write' as const };
}

/** A patient's TherapyPortal status, as `portal/status` and `portal/invite` answer it. */
export const portalStatusAnswer = z.object({
	Success: z.literal(true),
	PatientID: z.number().int(),
	PatientEncryptedID: z.string().min(1),
	PortalStatus: z.enum(['NotInvited', 'Invited', 'Active']),
	PortalUserId: z.number().int().nullable(),
	InvitedDate: wireDateTime.nullable(),
});

export const mapPortalStatus = (a: z.infer<typeof portalStatusAnswer>) => ({
	patientId: a.PatientID,
	encryptedId: a.PatientEncryptedID,
	portalStatus: a.PortalStatus,
	portalUserId: a.PortalUserId,
	invitedAt: a.InvitedDate,
});

export function getPortalStatus(patient: Ref) {
	return jsonCall(PATIENT_HANDLERS.portalStatus, { patientid: String(patient) }, portalStatusAnswer, mapPortalStatus, { idempotent: true, ids: [patient] });
}

/** The record the portal named when it refused a duplicate (`ExistingID`), or null for any other error. */
function existingIdOf(error: unknown, operation: string, code: string): number | null {
	if (!(error instanceof PortalRefusalError) || error.handler !== operation || error.code !== code) return null;
	const existing = Number(error.details.ExistingID);
	return Number.isInteger(existing) && existing > 0 ? existing : null;
}

/** A create refused because another patient has the external ID: that patient's ID. */
export const duplicateExternalIdOwner = (error: unknown) => existingIdOf(error, PATIENT_HANDLERS.save.operation, 'DuplicateExternalId');

/** A policy create refused because the patient has one of that priority: that policy's ID. */
export const duplicatePolicyOwner = (error: unknown) => existingIdOf(error, PATIENT_HANDLERS.savePolicy.operation, 'DuplicatePolicy');
