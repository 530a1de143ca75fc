import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Claim, Claim837POptions, ClaimFile, ClaimSummary } from '../../../../lib/client';

/** A record id parameter: the numeric ID or the EncryptedID, judged by the client. */
export function idField(displayName: string, name: string, what: string): INodeProperties {
	return { displayName, name, type: 'string', default: '', required: true, placeholder: 'e.g. 1001', description: `The numeric ${what} ID, or its EncryptedID` };
}

export const claimIdField = idField('Claim ID', 'claimId', 'claim');

/** The 837P envelope: TherapyNotes holds none of it, so every field has an assumed default. */
export const x12OptionsField: INodeProperties = {
	displayName: '837P Options',
	name: 'x12Options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{ displayName: 'Contact Name', name: 'contactName', type: 'string', default: '', description: 'Submitter contact (PER02); the billing provider’s name when empty' },
		{ displayName: 'Contact Phone', name: 'contactPhone', type: 'string', default: '', placeholder: 'e.g. 5551234567', description: 'Submitter contact phone, 10 digits (PER04); a placeholder of zeros when empty' },
		{ displayName: 'Interchange Control Number', name: 'interchangeControlNumber', type: 'number', typeOptions: { minValue: 1, maxValue: 999999999 }, default: 1, description: 'ISA13/GS06; the claim ID when not set' },
		{ displayName: 'Receiver ID', name: 'receiverId', type: 'string', default: '', description: 'Clearinghouse ID (ISA08, NM109 of 1000B); CLAIMMD when empty' },
		{ displayName: 'Receiver Name', name: 'receiverName', type: 'string', default: '', description: 'Clearinghouse name; CLAIM.MD when empty' },
		{ displayName: 'Submitter ID', name: 'submitterId', type: 'string', default: '', description: 'ISA06 and NM109 of 1000A; the billing provider’s NPI when empty' },
		{ displayName: 'Submitter Name', name: 'submitterName', type: 'string', default: '', description: 'The billing provider’s name when empty' },
		{
			displayName: 'Usage',
			name: 'usage',
			type: 'options',
			options: [
				{ name: 'Production', value: 'P' },
				{ name: 'Test', value: 'T' },
			],
			default: 'P',
			description: 'ISA15: whether the file is test or production data',
		},
	],
};

/** The collection as the client takes it: empty texts mean "use the default". */
export function readX12Options(context: IExecuteFunctions, itemIndex: number): Claim837POptions {
	const raw = context.getNodeParameter('x12Options', itemIndex, {}) as IDataObject;
	return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== '' && value !== undefined && value !== null)) as Claim837POptions;
}

/** Minimum necessary: ids, dates, status and amounts; no patient name, demographics or diagnoses. */
export function claimSummary(claim: ClaimSummary | Claim): IDataObject {
	const out: IDataObject = {
		id: claim.id,
		encryptedId: claim.encryptedId,
		status: claim.status,
		patientId: claim.patientId,
		appointmentId: claim.appointmentId,
		payerId: claim.payerId,
		dateOfService: claim.dateOfService,
		serviceCode: claim.serviceCode,
		chargeCents: claim.chargeCents,
		paidCents: claim.paidCents,
		patientResponsibilityCents: claim.patientResponsibilityCents,
		frequency: claim.frequency,
		payerClaimNumber: claim.payerClaimNumber,
		rejectionCodes: claim.rejectionCodes,
		eraId: claim.eraId,
		createdAt: claim.createdAt,
		updatedAt: claim.updatedAt,
		submittedAt: claim.submittedAt,
	};
	if ('renderingProvider' in claim) out.clinicianId = claim.renderingProvider.id;
	return out;
}

/** The 837P without its text (which holds patient data): for Summary output. */
export function fileFacts(file: ClaimFile): IDataObject {
	return { fileName: file.fileName, valid: file.valid, problems: file.problems, interchangeControlNumber: file.interchangeControlNumber };
}
