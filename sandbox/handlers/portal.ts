import type { HandlerArgs, PortalHandler } from '../http/routes';
import { PortalError } from '../http/portalError';
import type { Patient, PortalDocument, PortalTemplate } from '../data/types';
import type { AuditEntry } from '../data/store';
import type { SandboxState } from '../state';
import { toPortalDateTime } from '../util/dates';
import { findPatient, ok, saved } from './common';

/**
 * TherapyPortal from the practice's side. The statuses "Pending Submission", "Pending Signature"
 * and "Acknowledged by Practice" and the invite's need for DOB and email are confirmed; the
 * handlers, and the in-between statuses "Submitted" / "Signed" (the client is done, the practice
 * has not acknowledged yet), are assumed. Like payments, assignments are not de-duplicated.
 */

const KIND_NAMES = { form: 'Form', document: 'Document', consent: 'Consent' } as const;
const STATUSES: PortalDocument['status'][] = ['Pending Submission', 'Pending Signature', 'Submitted', 'Signed', 'Acknowledged by Practice'];

/** Forms are filled in and submitted; consents and library documents ask for an e-signature. */
const FIRST_STATUS: Record<PortalTemplate['kind'], PortalDocument['status']> = { form: 'Pending Submission', document: 'Pending Signature', consent: 'Pending Signature' };
const CLIENT_DONE: Partial<Record<PortalDocument['status'], PortalDocument['status']>> = { 'Pending Submission': 'Submitted', 'Pending Signature': 'Signed' };

/** A stable, fake TherapyPortal user id for a patient who accepted the invitation. */
const PORTAL_USER_BASE = 500_000;

function statusWire(patient: Patient) {
	return {
		PatientID: patient.id,
		PatientEncryptedID: patient.encryptedId,
		PortalStatus: patient.portalStatus,
		PortalUserId: patient.portalUserId,
		InvitedDate: patient.portalInvitedAt ? toPortalDateTime(patient.portalInvitedAt) : null,
	};
}

export function documentWire(state: SandboxState, doc: PortalDocument) {
	return {
		ID: doc.id,
		EncryptedID: state.store.encryptedIdFor('portalDocument', doc.id),
		PatientID: doc.patientId,
		TemplateID: doc.templateId,
		Name: doc.name,
		Kind: KIND_NAMES[doc.kind],
		Status: doc.status,
		AssignedDate: toPortalDateTime(doc.assignedAt),
		CompletedDate: doc.completedAt ? toPortalDateTime(doc.completedAt) : null,
		AcknowledgedDate: doc.acknowledgedAt ? toPortalDateTime(doc.acknowledgedAt) : null,
	};
}

export function findPortalDocument(state: SandboxState, ref: unknown): PortalDocument {
	const id = typeof ref === 'string' || typeof ref === 'number' ? state.store.resolve('portalDocument', ref) : null;
	const doc = id === null ? undefined : state.store.portalDocuments.get(id);
	if (!doc) throw new PortalError('The portal document could not be found.', 'NotFound');
	return doc;
}

/** The client opened the welcome email and created the account (an admin action drives it). */
export function activatePortal(state: SandboxState, patient: Patient, now: string, by: AuditEntry['by']): void {
	if (patient.portalStatus === 'Active') return;
	if (patient.portalStatus === 'NotInvited') throw new PortalError('The patient has not been invited to TherapyPortal.', 'PortalNotInvited');
	patient.portalStatus = 'Active';
	patient.portalUserId = PORTAL_USER_BASE + patient.id;
	patient.updatedAt = now;
	state.store.record('portal-activate', 'patient', patient.id, now, by);
}

/** The client submits a form or signs a document on TherapyPortal. */
export function completePortalDocument(state: SandboxState, doc: PortalDocument, now: string, by: AuditEntry['by']): PortalDocument {
	const next = CLIENT_DONE[doc.status];
	if (!next) throw new PortalError(`The document is already ${doc.status}.`, 'InvalidDocumentStatus');
	const patient = findPatient(state, doc.patientId);
	// Submitting needs a TherapyPortal login, so an invited client is active from then on.
	activatePortal(state, patient, now, by);
	doc.status = next;
	doc.completedAt = now;
	state.store.record('portal-complete', 'portalDocument', doc.id, now, by);
	return doc;
}

function portalStatus({ ctx, state }: HandlerArgs) {
	return ok(statusWire(findPatient(state, ctx.str('patientid', { required: true }))));
}

function sendInvite({ ctx, state, now }: HandlerArgs) {
	const patient = findPatient(state, ctx.str('patientid', { required: true }));
	if (patient.portalStatus === 'Active') throw new PortalError('The patient already has an active TherapyPortal account.', 'PortalAlreadyActive');
	const missing = [...(patient.dob ? [] : ['DOB']), ...(patient.email.trim() ? [] : ['Email'])];
	if (missing.length > 0) {
		const what = missing.map((m) => (m === 'DOB' ? 'a date of birth' : 'an email address')).join(' and ');
		throw new PortalError(`The patient needs ${what} before a TherapyPortal invitation can be sent.`, 'PortalInviteMissingInfo', { Missing: missing });
	}
	patient.portalStatus = 'Invited';
	patient.portalInvitedAt = now;
	patient.updatedAt = now;
	state.store.record('portal-invite', 'patient', patient.id, now);
	return ok(statusWire(patient));
}

function templates({ state }: HandlerArgs) {
	return ok({ Templates: state.store.portalTemplates.map((t) => ({ ID: t.id, Name: t.name, Kind: KIND_NAMES[t.kind], InitialStatus: FIRST_STATUS[t.kind] })) });
}

function assign({ ctx, state, now }: HandlerArgs) {
	const patient = findPatient(state, ctx.str('patientid', { required: true }));
	const templateId = ctx.int('templateid', { required: true });
	const template = state.store.portalTemplates.find((t) => t.id === templateId);
	if (!template) throw new PortalError(`Field 'templateid' is not a portal form or document of this practice.`);
	if (patient.portalStatus === 'NotInvited') throw new PortalError('The patient has no TherapyPortal access; send an invitation first.', 'PortalNotInvited');
	const id = state.store.nextId('portalDocument');
	const doc: PortalDocument = {
		id,
		patientId: patient.id,
		templateId: template.id,
		name: template.name,
		kind: template.kind,
		status: FIRST_STATUS[template.kind],
		assignedAt: now,
		completedAt: null,
		acknowledgedAt: null,
	};
	state.store.portalDocuments.set(id, doc);
	state.store.record('create', 'portalDocument', id, now);
	return saved(id, state.store.encryptedIdFor('portalDocument', id), { Status: doc.status });
}

function listDocuments({ ctx, state }: HandlerArgs) {
	const patient = findPatient(state, ctx.str('patientid', { required: true }));
	const status = ctx.str('status', { max: 40 });
	if (status && !STATUSES.includes(status as PortalDocument['status'])) throw new PortalError(`Field 'status' must be one of ${STATUSES.join(', ')}.`);
	const kind = ctx.str('kind', { max: 20 }).toLowerCase();
	if (kind && !(kind in KIND_NAMES)) throw new PortalError(`Field 'kind' must be form, document or consent.`);
	const rows = [...state.store.portalDocuments.values()]
		.filter((d) => d.patientId === patient.id && (!status || d.status === status) && (!kind || d.kind === kind))
		.sort((a, b) => a.id - b.id);
	return ok({ Documents: rows.map((d) => documentWire(state, d)) });
}

function acknowledge({ ctx, state, now }: HandlerArgs) {
	const doc = findPortalDocument(state, ctx.str('documentid', { required: true }));
	if (doc.status === 'Acknowledged by Practice') throw new PortalError('The document has already been acknowledged.', 'AlreadyAcknowledged');
	if (doc.status !== 'Submitted' && doc.status !== 'Signed') throw new PortalError(`The client has not completed the document yet (${doc.status}).`, 'NotCompletedByClient');
	doc.status = 'Acknowledged by Practice';
	doc.acknowledgedAt = now;
	state.store.record('acknowledge', 'portalDocument', doc.id, now);
	return ok({ Document: documentWire(state, doc) });
}

const DOC = 'ID, EncryptedID, PatientID, TemplateID, Name, Kind (Form, Document, Consent), Status, AssignedDate, CompletedDate, AcknowledgedDate';

export const PORTAL_HANDLERS: PortalHandler[] = [
	{ name: 'portal/status', path: '/app/patients/portal/loadportalstatus.aspx', msg: 2, provenance: 'assumed', fields: 'patientid (ID or EncryptedID)', answer: 'PatientID, PatientEncryptedID, `PortalStatus` (NotInvited, Invited, Active), PortalUserId, InvitedDate', handle: portalStatus },
	{ name: 'portal/invite', path: '/app/patients/portal/sendinvitation.aspx', msg: 3, provenance: 'assumed', fields: 'patientid', answer: 'portal status as above; refused without DOB or email (`ErrorCode: PortalInviteMissingInfo`, `Missing[]`) or when Active; re-invite of an Invited patient allowed', handle: sendInvite },
	{ name: 'portal/templates', path: '/app/patients/portal/loadtemplates.aspx', msg: 4, provenance: 'assumed', fields: '—', answer: '`Templates[]`: ID, Name, Kind, InitialStatus', handle: templates },
	{ name: 'portal/assign', path: '/app/patients/portal/assigndocument.aspx', msg: 5, provenance: 'assumed', fields: 'patientid, templateid', answer: '`Success`, `ID`, `EncryptedID`, `Status` (forms "Pending Submission", documents and consents "Pending Signature"); refused when not invited', handle: assign },
	{ name: 'portal/documents', path: '/app/patients/portal/loaddocuments.aspx', msg: 6, provenance: 'assumed', fields: 'patientid, status?, kind? (form, document, consent)', answer: `\`Documents[]\`: ${DOC}`, handle: listDocuments },
	{ name: 'portal/acknowledge', path: '/app/patients/portal/acknowledgedocument.aspx', msg: 7, provenance: 'assumed', fields: 'documentid (ID or EncryptedID)', answer: '`Success`, `Document`; only after the client submitted or signed', handle: acknowledge },
];
