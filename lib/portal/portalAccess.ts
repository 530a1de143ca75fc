import { z } from 'zod';
import { mapPortalStatus, portalStatusAnswer } from './patients';
import { jsonCall, type Handler } from './call';
import { wireDateTime } from './wireTypes';

/**
 * TherapyPortal from the practice's side. The document statuses and the invite's need for DOB and
 * email are confirmed; the handlers and the in-between statuses Submitted / Signed are assumed.
 */
export const PORTAL_HANDLERS = {
	invite: { operation: 'portal/invite', path: '/app/patients/portal/sendinvitation.aspx', msg: 3 },
	templates: { operation: 'portal/templates', path: '/app/patients/portal/loadtemplates.aspx', msg: 4 },
	assign: { operation: 'portal/assign', path: '/app/patients/portal/assigndocument.aspx', msg: 5 },
	documents: { operation: 'portal/documents', path: '/app/patients/portal/loaddocuments.aspx', msg: 6 },
	acknowledge: { operation: 'portal/acknowledge', path: '/app/patients/portal/acknowledgedocument.aspx', msg: 7 },
} satisfies Record<string, Handler>;

type Ref = string | number;

/** Wire status text ↔ domain name. */
export const DOCUMENT_STATUS_TEXT = {
	pendingSubmission: 'Pending Submission',
	pendingSignature: 'Pending Signature',
	submitted: 'Submitted',
	signed: 'Signed',
	acknowledged: 'Acknowledged by Practice',
} as const;
export type DocumentStatusName = keyof typeof DOCUMENT_STATUS_TEXT;
export type DocumentKindName = 'form' | 'document' | 'consent';

const STATUS_BY_TEXT = new Map(Object.entries(DOCUMENT_STATUS_TEXT).map(([name, text]) => [text as string, name as DocumentStatusName]));

const wireStatus = z.string().transform((text, ctx) => {
	const name = STATUS_BY_TEXT.get(text);
	if (!name) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown document status '${text}'` });
	return name as DocumentStatusName;
});

const wireKind = z.enum(['Form', 'Document', 'Consent']).transform((kind) => kind.toLowerCase() as DocumentKindName);

const documentSchema = z.object({
	ID: z.number().int(),
	EncryptedID: z.string().min(1),
	PatientID: z.number().int(),
	TemplateID: z.number().int(),
	Name: z.string(),
	Kind: wireKind,
	Status: wireStatus,
	AssignedDate: wireDateTime,
	CompletedDate: wireDateTime.nullable(),
	AcknowledgedDate: wireDateTime.nullable(),
});

function mapDocument(d: z.infer<typeof documentSchema>) {
	return {
		id: d.ID,
		encryptedId: d.EncryptedID,
		patientId: d.PatientID,
		templateId: d.TemplateID,
		name: d.Name,
		kind: d.Kind,
		status: d.Status,
		assignedAt: d.AssignedDate,
		completedAt: d.CompletedDate,
		acknowledgedAt: d.AcknowledgedDate,
	};
}

/**
 * Sends (or re-sends) the welcome email. Not idempotent in effect (each send is an email), so it is
 * never retried; the portal refuses without DOB or email (`PortalInviteMissingInfo`, `Missing[]`).
 */
export function sendInvite(patient: Ref) {
	return jsonCall(
		PORTAL_HANDLERS.invite,
		{ patientid: String(patient) },
		portalStatusAnswer,
		mapPortalStatus,
		{ idempotent: false, ids: [patient] },
	);
}

export function listTemplates() {
	return jsonCall(
		PORTAL_HANDLERS.templates,
		{},
		z.object({ Success: z.literal(true), Templates: z.array(z.object({ ID: z.number().int(), Name: z.string(), Kind: wireKind, InitialStatus: wireStatus })) }),
		(a) => a.Templates.map((t) => ({ id: t.ID, name: t.Name, kind: t.Kind, initialStatus: t.InitialStatus })),
		{ idempotent: true },
	);
}

/** Assigns a template to the patient; the portal does not de-duplicate, so this is never retried. */
export function assignTemplate(patient: Ref, templateId: number) {
	return jsonCall(
		PORTAL_HANDLERS.assign,
		{ patientid: String(patient), templateid: String(templateId) },
		z.object({ Success: z.literal(true), ID: z.number().int(), EncryptedID: z.string().min(1), Status: wireStatus }),
		(a) => ({ id: a.ID, encryptedId: a.EncryptedID, status: a.Status }),
		{ idempotent: false, ids: [patient, templateId] },
	);
}

export function listDocuments(patient: Ref, filter: { status?: DocumentStatusName; kind?: DocumentKindName } = {}) {
	const form: Record<string, string> = { patientid: String(patient) };
	if (filter.status) form.status = DOCUMENT_STATUS_TEXT[filter.status];
	if (filter.kind) form.kind = filter.kind;
	return jsonCall(PORTAL_HANDLERS.documents, form, z.object({ Success: z.literal(true), Documents: z.array(documentSchema) }), (a) => a.Documents.map(mapDocument), {
		idempotent: true,
		ids: [patient],
	});
}

/** A repeat is refused as `AlreadyAcknowledged` and changes nothing, so retrying is safe. */
export function acknowledgeDocument(document: Ref) {
	const call = jsonCall(
		PORTAL_HANDLERS.acknowledge,
		{ documentid: String(document) },
		z.object({ Success: z.literal(true), Document: documentSchema }),
		(a) => mapDocument(a.Document),
		{ idempotent: true, ids: [document] },
	);
	return { ...call, kind: 'write' as const };
}

/** Refusal codes the client turns into results rather than errors. */
export const ALREADY_ACKNOWLEDGED = 'AlreadyAcknowledged';
