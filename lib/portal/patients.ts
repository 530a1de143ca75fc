import { z } from 'zod';
import { jsonCall, type Handler } from './call';
import { isoToPortalDate, portalDateToIso } from './dates';

export const PATIENT_HANDLERS = {
	search: { operation: 'patients/search', path: '/app/common/searchforpatient.aspx', msg: 20 },
	save: { operation: 'patients/save', path: '/app/patients/savepatient.aspx', msg: 8 },
} satisfies Record<string, Handler>;

const wireDate = z.string().transform((value, ctx) => {
	const iso = portalDateToIso(value);
	if (!iso) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a portal date` });
	return iso ?? '';
});

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

export function searchPatients(query: string) {
	return jsonCall(
		PATIENT_HANDLERS.search,
		{ searchquery: query, practiceid: '-1', assigneduserid: '-1', param: '{}' },
		z.object({ Matches: z.array(matchSchema) }),
		(answer) => answer.Matches.map(mapPatientMatch),
		{ idempotent: true },
	);
}

export interface NewPatientInput {
	firstName: string;
	lastName: string;
	dateOfBirth: string;
	externalId?: string;
}

export function createPatient(input: NewPatientInput) {
	const patient = { ID: -1, FirstName: input.firstName, LastName: input.lastName, DOB: isoToPortalDate(input.dateOfBirth), ExternalID: input.externalId };
	return jsonCall(
		PATIENT_HANDLERS.save,
		{ patient: JSON.stringify(patient) },
		z.object({ Success: z.literal(true), ID: z.number().int(), EncryptedID: z.string().min(1) }),
		(answer) => ({ id: answer.ID, encryptedId: answer.EncryptedID }),
		{ idempotent: false },
	);
}

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
		SessionFee: z.number(),
		FeePolicyAcknowledged: z.boolean(),
	}),
});

export function getPatient(idOrEncryptedId: string | number) {
	return jsonCall(
		{ operation: 'patients/get', path: '/app/patients/loadpatient.aspx', msg: 2 },
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
			sessionFeeCents: Math.round(p.SessionFee * 100),
			feePolicyAcknowledged: p.FeePolicyAcknowledged,
		}),
		{ idempotent: true, ids: [idOrEncryptedId] },
	);
}
