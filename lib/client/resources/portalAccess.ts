import { z } from 'zod';
import { portalAccess as wire } from '../../portal';
import { PortalChangedError, PortalRefusalError } from '../../session/errors';
import { patientPortalStatusSchema, patientRefSchema, type PatientPortalStatus } from '../schemas/patient';
import {
	assignTemplateOptionsSchema,
	OPEN_DOCUMENT_STATUSES,
	portalDocumentFilterSchema,
	portalDocumentRefSchema,
	portalDocumentSchema,
	portalTemplateIdSchema,
	portalTemplateSchema,
	type AcknowledgeDocumentResult,
	type AssignTemplateOptions,
	type AssignTemplateResult,
	type PortalDocument,
	type PortalDocumentFilter,
	type PortalTemplate,
} from '../schemas/portalAccess';
import { checkInput, checkOutput } from '../validation';
import { checkFields, outcomeUnknown } from './appointments';
import type { Requester } from './patients';

const documentList = z.array(portalDocumentSchema);
const isOpen = (doc: PortalDocument) => (OPEN_DOCUMENT_STATUSES as readonly string[]).includes(doc.status);

/** TherapyPortal: invitations, forms and documents shared with the client. */
export class PortalAccessResource {
	constructor(protected readonly session: Requester) {}

	/**
	 * Sends the welcome email (again, for an invited patient). The portal's refusal is raised with
	 * its reason, e.g. a missing date of birth or email (`PortalInviteMissingInfo`, `details.Missing`).
	 */
	async invite(patientRef: number | string): Promise<PatientPortalStatus> {
		const patient = checkInput(patientRefSchema, patientRef, 'patientId');
		return checkOutput(patientPortalStatusSchema, await this.session.request(wire.sendInvite(patient)), 'portal/invite');
	}

	/** The forms, consents and documents the practice can assign. */
	async templates(): Promise<PortalTemplate[]> {
		return checkOutput(z.array(portalTemplateSchema), await this.session.request(wire.listTemplates()), 'portal/templates');
	}

	/** The patient's portal documents with their statuses, optionally one status and/or kind. */
	async documents(patientRef: number | string, filter: PortalDocumentFilter = {}): Promise<PortalDocument[]> {
		const patient = checkInput(patientRefSchema, patientRef, 'patientId');
		const f = checkFields(portalDocumentFilterSchema, filter, 'filter');
		return this.fetchDocuments(patient, f);
	}

	/**
	 * Assigns a template. The portal does not de-duplicate, so the patient's documents are read
	 * first: an open copy of the same template is returned instead (`alreadyAssigned`) unless
	 * `allowDuplicate`; after a lost answer, a document of that template that was not there before
	 * is this assignment, and nothing is sent again.
	 */
	async assign(patientRef: number | string, templateId: number, options: AssignTemplateOptions = {}): Promise<AssignTemplateResult> {
		const patient = checkInput(patientRefSchema, patientRef, 'patientId');
		const template = checkInput(portalTemplateIdSchema, templateId, 'templateId');
		const { allowDuplicate } = checkFields(assignTemplateOptionsSchema, options, 'options');
		const before = await this.fetchDocuments(patient, {});
		const open = before.find((doc) => doc.templateId === template && isOpen(doc));
		if (open && !allowDuplicate) return { document: open, alreadyAssigned: true };
		const known = new Set(before.map((doc) => doc.id));
		let assignedId: number | undefined;
		let lost: unknown;
		try {
			assignedId = (await this.session.request(wire.assignTemplate(patient, template))).id;
		} catch (error) {
			if (!outcomeUnknown(error)) throw error;
			lost = error;
		}
		const after = await this.fetchDocuments(patient, {});
		const document = after.find((doc) => (assignedId === undefined ? !known.has(doc.id) && doc.templateId === template : doc.id === assignedId));
		if (document) return { document, alreadyAssigned: false };
		// A lost answer with nothing new listed: the assignment did not happen; report, do not resend.
		throw lost ?? new PortalChangedError('portal/documents', 'Documents', `assigned document ${assignedId} is not listed`);
	}

	/** Marks a submitted or signed document as acknowledged; a repeat is not an error. */
	async acknowledge(documentRef: number | string): Promise<AcknowledgeDocumentResult> {
		const doc = checkInput(portalDocumentRefSchema, documentRef, 'documentId');
		try {
			const document = checkOutput(portalDocumentSchema, await this.session.request(wire.acknowledgeDocument(doc)), 'portal/acknowledge');
			return { document, alreadyAcknowledged: false };
		} catch (error) {
			if (error instanceof PortalRefusalError && error.code === wire.ALREADY_ACKNOWLEDGED) return { document: null, alreadyAcknowledged: true };
			throw error;
		}
	}

	private async fetchDocuments(patient: string | number, filter: z.infer<typeof portalDocumentFilterSchema>): Promise<PortalDocument[]> {
		return checkOutput(documentList, await this.session.request(wire.listDocuments(patient, filter)), 'portal/documents');
	}
}
