import type { Location, NoteTemplate, Payer, PortalTemplate, ServiceCode } from './types';
import { NOTE_TYPES } from './types';

/** Progress-note form element ids, as confirmed in PORTAL.md. */
export const FORM_ELEMENTS = {
	Subjective: 13000,
	Objective: 13001,
	Assessment: 13002,
	Plan: 13003,
	Interventions: 13005,
	Diagnosis: 13009,
	MentalStatus: 13010,
	RiskAssessment: 13011,
	Medications: 13014,
	Signature: 10001,
} as const;

export const SERVICE_CODES: ServiceCode[] = [
	{ code: '90791', description: 'Psychiatric diagnostic evaluation', defaultMinutes: 60, feeCents: 20000 },
	{ code: '90832', description: 'Psychotherapy, 30 minutes', defaultMinutes: 30, feeCents: 9000 },
	{ code: '90834', description: 'Psychotherapy, 45 minutes', defaultMinutes: 45, feeCents: 13000 },
	{ code: '90837', description: 'Psychotherapy, 60 minutes', defaultMinutes: 60, feeCents: 16000 },
	{ code: '90847', description: 'Family psychotherapy with patient', defaultMinutes: 50, feeCents: 14000 },
	{ code: '90853', description: 'Group psychotherapy', defaultMinutes: 90, feeCents: 6000 },
	{ code: '90785', description: 'Interactive complexity (add-on)', defaultMinutes: 0, feeCents: 2000 },
];

export const PAYERS: Payer[] = [
	{ id: 1, name: 'Synthetic Blue Plan', electronicPayerId: 'SX001' },
	{ id: 2, name: 'Example Health Mutual', electronicPayerId: 'SX002' },
	{ id: 3, name: 'Sample Care Alliance', electronicPayerId: 'SX003' },
	{ id: 4, name: 'Demo State Medicaid', electronicPayerId: 'SX004' },
	{ id: 5, name: 'Placeholder Senior Plan', electronicPayerId: 'SX005' },
];

export const LOCATIONS: Location[] = [
	{ id: 1, name: 'Main Office', placeOfService: '11', address: { street: '100 Sample Ave', city: 'Springfield', state: 'IL', zip: '627011234' } },
	{ id: 2, name: 'Telehealth (patient home)', placeOfService: '10', address: { street: '', city: '', state: '', zip: '' } },
	{ id: 3, name: 'Telehealth (other)', placeOfService: '02', address: { street: '', city: '', state: '', zip: '' } },
];

export const DIAGNOSES = ['F41.1', 'F32.1', 'F43.10', 'F33.0', 'F90.0', 'F41.0', 'F43.23', 'F40.10'];

export const NOTE_TEMPLATES: NoteTemplate[] = [
	{
		id: 1,
		name: 'Standard SOAP',
		noteType: NOTE_TYPES.ProgressNote,
		values: {
			[FORM_ELEMENTS.Subjective]: 'Client reports: ',
			[FORM_ELEMENTS.Objective]: 'Appearance and behaviour: ',
			[FORM_ELEMENTS.Assessment]: 'Progress toward goals: ',
			[FORM_ELEMENTS.Plan]: 'Continue weekly sessions.',
		},
	},
	{
		id: 2,
		name: 'Brief Check-in',
		noteType: NOTE_TYPES.ProgressNote,
		values: { [FORM_ELEMENTS.Subjective]: 'Brief check-in.', [FORM_ELEMENTS.Plan]: 'Follow up next week.' },
	},
];

export const PORTAL_TEMPLATES: PortalTemplate[] = [
	{ id: 1, name: 'Intake Questionnaire', kind: 'form' },
	{ id: 2, name: 'Missed Appointment Fee Policy', kind: 'consent' },
	{ id: 3, name: 'Notice of Privacy Practices', kind: 'document' },
	{ id: 4, name: 'PHQ-9', kind: 'form' },
];
