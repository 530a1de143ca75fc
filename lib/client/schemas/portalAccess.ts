import { z } from 'zod';
import { idOrEncryptedId } from './appointments';

/** TherapyPortal documents and forms as the practice sees them. Dates are practice-local ISO. */
export const PORTAL_DOCUMENT_STATUSES = ['pendingSubmission', 'pendingSignature', 'submitted', 'signed', 'acknowledged'] as const;
export const PORTAL_DOCUMENT_KINDS = ['form', 'document', 'consent'] as const;
/** Assigned but not yet completed by the client: assigning the same template again would duplicate it. */
export const OPEN_DOCUMENT_STATUSES = ['pendingSubmission', 'pendingSignature'] as const;

export const portalDocumentStatusSchema = z.enum(PORTAL_DOCUMENT_STATUSES);
export const portalDocumentKindSchema = z.enum(PORTAL_DOCUMENT_KINDS);
export type PortalDocumentStatus = z.infer<typeof portalDocumentStatusSchema>;
export type PortalDocumentKind = z.infer<typeof portalDocumentKindSchema>;

export const portalTemplateSchema = z.object({
	id: z.number().int().positive(),
	name: z.string(),
	kind: portalDocumentKindSchema,
	initialStatus: portalDocumentStatusSchema,
});
export type PortalTemplate = z.infer<typeof portalTemplateSchema>;

export const portalDocumentSchema = z.object({
	id: z.number().int().positive(),
	encryptedId: z.string().min(1),
	patientId: z.number().int().positive(),
	templateId: z.number().int().positive(),
	/** The template's name (e.g. "PHQ-9"), never the client's answers. */
	name: z.string(),
	kind: portalDocumentKindSchema,
	status: portalDocumentStatusSchema,
	assignedAt: z.string(),
	completedAt: z.string().nullable(),
	acknowledgedAt: z.string().nullable(),
});
export type PortalDocument = z.infer<typeof portalDocumentSchema>;

export const portalDocumentFilterSchema = z.object({ status: portalDocumentStatusSchema.optional(), kind: portalDocumentKindSchema.optional() });
export type PortalDocumentFilter = z.input<typeof portalDocumentFilterSchema>;

export const portalDocumentRefSchema = idOrEncryptedId('document');
export const portalTemplateIdSchema = z.number().int('must be a whole number').positive('must be a portal template ID');

export const assignTemplateOptionsSchema = z.object({ allowDuplicate: z.boolean().default(false) });
export type AssignTemplateOptions = z.input<typeof assignTemplateOptionsSchema>;

export interface AssignTemplateResult {
	document: PortalDocument;
	/** True when the same template was already waiting for the client: nothing new was assigned. */
	alreadyAssigned: boolean;
}

export interface AcknowledgeDocumentResult {
	/** The acknowledged document, or null when it had been acknowledged before (the portal answers no record then). */
	document: PortalDocument | null;
	alreadyAcknowledged: boolean;
}
