import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { Patient } from '../data/types';
import { asObject, findPatient, optInt, optMoney, optPortalDate, optString, paginate, reqString, saved, ok, type Json } from './common';
import { patientDetail, patientMatch, policyWire, priorityFromName } from './wire';
import type { SandboxState } from '../state';

const PAGE_SIZE = 20;

function search({ ctx, state }: HandlerArgs) {
	const query = ctx.str('searchquery', { max: 100 }).trim().toLowerCase();
	if (ctx.form.param !== undefined && ctx.form.param !== '') ctx.json('param');
	const assigned = ctx.int('assigneduserid', { fallback: -1 });
	if (query.length < 2) return { Matches: [] };
	const matches: ReturnType<typeof patientMatch>[] = [];
	for (const patient of state.store.patients.values()) {
		if (assigned !== -1 && !patient.assignedClinicianIds.includes(assigned)) continue;
		const name = `${patient.firstName} ${patient.lastName}`.toLowerCase();
		if (name.includes(query) || patient.lastName.toLowerCase().startsWith(query) || patient.externalId?.toLowerCase() === query) {
			matches.push(patientMatch(state, patient));
			if (matches.length >= 25) break;
		}
	}
	return { Matches: matches };
}

const SORTS: Record<string, (p: Patient) => string | number> = {
	lastname: (p) => `${p.lastName} ${p.firstName}`.toLowerCase(),
	firstname: (p) => `${p.firstName} ${p.lastName}`.toLowerCase(),
	dob: (p) => p.dob,
	id: (p) => p.id,
};

function list({ ctx, state }: HandlerArgs) {
	const status = (ctx.str('status') || 'active').toLowerCase();
	if (!['active', 'inactive', 'any'].includes(status)) throw new PortalError(`Field 'status' must be active, inactive or any.`);
	const assignment = (ctx.str('assignment') || 'any').toLowerCase();
	const clinicianMatch = /^clinician-(\d+)$/.exec(assignment);
	if (assignment !== 'any' && !clinicianMatch) throw new PortalError(`Field 'assignment' must be any or clinician-<id>.`);
	const sortKey = (ctx.str('sortparameter') || 'lastname').toLowerCase();
	const sort = SORTS[sortKey];
	if (!sort) throw new PortalError(`Field 'sortparameter' must be one of ${Object.keys(SORTS).join(', ')}.`);
	const nameFilter = ctx.str('patient', { max: 100 }).trim().toLowerCase();
	const rows = [...state.store.patients.values()].filter(
		(p) =>
			(status === 'any' || p.status === status) &&
			(!clinicianMatch || p.assignedClinicianIds.includes(Number(clinicianMatch[1]))) &&
			(!nameFilter || `${p.firstName} ${p.lastName}`.toLowerCase().includes(nameFilter)),
	);
	const direction = ctx.bool('sortascending', true) ? 1 : -1;
	rows.sort((a, b) => (sort(a) < sort(b) ? -direction : sort(a) > sort(b) ? direction : a.id - b.id));
	const { rows: pageRows, pageCount } = paginate(rows, ctx.int('page', { fallback: 1 }), PAGE_SIZE);
	return {
		Matches: pageRows.map((p) => ({ ...patientMatch(state, p), InsuranceProvider: state.store.payer(state.store.policiesOf(p.id)[0]?.payerId ?? 0)?.name ?? 'Self-Pay' })),
		PageCount: pageCount,
	};
}

function get({ ctx, state }: HandlerArgs) {
	return ok({ Patient: patientDetail(state, findPatient(state, ctx.str('patientid', { required: true }))) });
}

function applyPatientFields(state: SandboxState, patient: Patient, input: Json, now: string): void {
	const where = 'patient';
	const text = (key: string, max = 100) => optString(input, key, where, max);
	const name = (key: string) => {
		const value = text(key);
		if (value !== undefined && value.trim() === '') throw new PortalError(`'patient.${key}' cannot be blank.`);
		return value?.trim();
	};
	patient.firstName = name('FirstName') ?? patient.firstName;
	patient.middleName = text('MiddleName') ?? patient.middleName;
	patient.lastName = name('LastName') ?? patient.lastName;
	const dob = optPortalDate(input, 'DOB', where);
	if (dob && dob > now.slice(0, 10)) throw new PortalError(`'patient.DOB' cannot be in the future.`);
	patient.dob = dob ?? patient.dob;
	const sex = text('Sex', 1);
	if (sex !== undefined && !['M', 'F', 'U'].includes(sex)) throw new PortalError(`'patient.Sex' must be M, F or U.`);
	patient.sex = (sex as Patient['sex']) ?? patient.sex;
	const email = text('Email', 200);
	if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new PortalError(`'patient.Email' is not a valid email address.`);
	patient.email = email ?? patient.email;
	patient.phone = text('Phone', 30) ?? patient.phone;
	if (input.Address !== undefined) {
		const a = asObject(input.Address, 'patient.Address');
		const part = (key: string) => optString(a, key, 'patient.Address', 100);
		patient.address = { street: part('Street') ?? '', city: part('City') ?? '', state: part('State') ?? '', zip: part('Zip') ?? '' };
	}
	const status = text('Status', 10);
	if (status !== undefined && !['active', 'inactive'].includes(status.toLowerCase())) throw new PortalError(`'patient.Status' must be Active or Inactive.`);
	patient.status = (status?.toLowerCase() as Patient['status']) ?? patient.status;
	const clinicianId = optInt(input, 'AssignedClinicianID', where);
	if (clinicianId !== undefined) {
		if (!state.store.user(clinicianId)?.isClinician) throw new PortalError(`'patient.AssignedClinicianID' is not a clinician of this practice.`);
		patient.assignedClinicianIds = [clinicianId];
	}
	patient.sessionFeeCents = optMoney(input, 'SessionFee', where) ?? patient.sessionFeeCents;
}

function checkExternalId(state: SandboxState, externalId: string | undefined, selfId: number): void {
	if (!externalId) return;
	for (const other of state.store.patients.values()) {
		if (other.externalId === externalId && other.id !== selfId) {
			throw new PortalError('Another patient already has this external ID.', 'DuplicateExternalId', { ExistingID: other.id, ExistingEncryptedID: other.encryptedId });
		}
	}
}

function save({ ctx, state, now }: HandlerArgs) {
	const input = asObject(ctx.json('patient'), 'patient');
	const id = optInt(input, 'ID', 'patient') ?? -1;
	const externalId = optString(input, 'ExternalID', 'patient', 64);
	if (id === -1) {
		reqString(input, 'FirstName', 'patient', 100);
		reqString(input, 'LastName', 'patient', 100);
		if (optPortalDate(input, 'DOB', 'patient') === undefined) throw new PortalError(`'patient.DOB' is required.`);
		checkExternalId(state, externalId, -1);
		return createPatient(state, input, externalId, now);
	}
	const patient = findPatient(state, id);
	checkExternalId(state, externalId, patient.id);
	// Validate everything on a copy first so a refusal leaves the record untouched.
	const draft = structuredClone(patient);
	applyPatientFields(state, draft, input, now);
	Object.assign(patient, draft);
	if (externalId !== undefined) patient.externalId = externalId || null;
	patient.updatedAt = now;
	state.store.record('update', 'patient', patient.id, now);
	return saved(patient.id, patient.encryptedId);
}

function createPatient(state: SandboxState, input: Json, externalId: string | undefined, now: string) {
	const firstClinician = state.store.users.find((u) => u.isClinician)!;
	const patient: Patient = {
		id: 0, encryptedId: '', firstName: '', middleName: '', lastName: '', dob: '', sex: 'U', email: '', phone: '',
		address: { street: '', city: '', state: '', zip: '' }, externalId: externalId || null, status: 'active',
		assignedClinicianIds: [firstClinician.id], portalUserId: null, portalStatus: 'NotInvited', sessionFeeCents: 15000,
		feePolicyAcknowledged: false, createdAt: now, updatedAt: now,
	};
	applyPatientFields(state, patient, input, now);
	patient.id = state.store.nextId('patient');
	patient.encryptedId = state.store.encryptedIdFor('patient', patient.id);
	state.store.patients.set(patient.id, patient);
	state.store.record('create', 'patient', patient.id, now);
	return saved(patient.id, patient.encryptedId);
}

function loadPolicies({ ctx, state }: HandlerArgs) {
	const patient = findPatient(state, ctx.str('patientid', { required: true }));
	return ok({ Policies: state.store.policiesOf(patient.id).map((p) => policyWire(state, p)) });
}

function savePolicy({ ctx, state, now }: HandlerArgs) {
	const input = asObject(ctx.json('policy'), 'policy');
	const patient = findPatient(state, optInt(input, 'PatientID', 'policy') ?? -1);
	const priority = priorityFromName(reqString(input, 'Priority', 'policy', 20));
	if (!priority) throw new PortalError(`'policy.Priority' must be Primary, Secondary or Tertiary.`);
	const payerId = optInt(input, 'PayerID', 'policy');
	if (payerId === undefined || !state.store.payer(payerId)) throw new PortalError(`'policy.PayerID' is not a payer of this practice.`);
	const id = optInt(input, 'ID', 'policy') ?? -1;
	const existing = state.store.policiesOf(patient.id).find((p) => p.priority === priority);
	if (existing && existing.id !== id) throw new PortalError(`The patient already has a ${input.Priority} policy.`, 'DuplicatePolicy', { ExistingID: existing.id });
	const policy = id === -1 ? undefined : state.store.policies.get(id);
	if (id !== -1 && (!policy || policy.patientId !== patient.id)) throw new PortalError('The policy could not be found.', 'NotFound');
	const fields = {
		priority,
		payerId,
		memberId: reqString(input, 'MemberID', 'policy', 40),
		groupNumber: optString(input, 'GroupNumber', 'policy', 40) ?? policy?.groupNumber ?? '',
		copayCents: optMoney(input, 'Copay', 'policy') ?? policy?.copayCents ?? 0,
		startDate: optPortalDate(input, 'StartDate', 'policy') ?? policy?.startDate ?? now.slice(0, 10),
		endDate: optPortalDate(input, 'EndDate', 'policy') ?? policy?.endDate ?? null,
	};
	const record = policy ? Object.assign(policy, fields) : { id: state.store.nextId('policy'), patientId: patient.id, relationship: 'self' as const, ...fields };
	state.store.policies.set(record.id, record);
	state.store.record(policy ? 'update' : 'create', 'policy', record.id, now);
	return saved(record.id, String(record.id));
}

export const PATIENT_HANDLERS: PortalHandler[] = [
	{ name: 'patients/search', path: '/app/common/searchforpatient.aspx', msg: 20, provenance: 'confirmed', fields: 'searchquery, practiceid=-1, assigneduserid=-1, param (JSON)', answer: '`Matches[]`: ID, EncryptedID, FirstName, MiddleName, LastName, DOB, PortalUserId, AssignedClinicians', handle: search },
	{ name: 'patients/list', path: '/app/patients/loadpatientlist.aspx', msg: 5, provenance: 'confirmed', fields: 'page, sortparameter, sortascending, patient, assignment (any, clinician-<id>), status (active, inactive, any)', answer: '`Matches[]` (+ InsuranceProvider), `PageCount`; 20 rows a page', handle: list },
	{ name: 'patients/get', path: '/app/patients/loadpatient.aspx', msg: 2, provenance: 'assumed', fields: 'patientid (ID or EncryptedID)', answer: '`Patient` with demographics, Address, ExternalID, Status, PortalStatus, SessionFee', handle: get },
	{ name: 'patients/save', path: '/app/patients/savepatient.aspx', msg: 8, provenance: 'assumed', fields: 'patient = JSON {ID (-1 new), FirstName, MiddleName, LastName, DOB, Sex, Email, Phone, Address, ExternalID, Status, AssignedClinicianID, SessionFee}', answer: '`Success`, `ID`, `EncryptedID`; duplicate ExternalID → `ErrorCode: DuplicateExternalId` with `ExistingID`', handle: save },
	{ name: 'patients/policies', path: '/app/patients/insurance/loadpolicies.aspx', msg: 3, provenance: 'assumed', fields: 'patientid', answer: '`Policies[]`: ID, Priority, PayerID, PayerName, MemberID, GroupNumber, Copay, StartDate, EndDate', handle: loadPolicies },
	{ name: 'patients/savepolicy', path: '/app/patients/insurance/savepolicy.aspx', msg: 4, provenance: 'assumed', fields: 'policy = JSON {ID, PatientID, Priority, PayerID, MemberID, GroupNumber, Copay, StartDate, EndDate}', answer: '`Success`, `ID`', handle: savePolicy },
];
