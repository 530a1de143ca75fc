import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { ClinicalNote, NoteContentInput, NoteSummary, NoteType, TherapyNotesClient, UpdateNoteInput } from '../../../../lib/client';
import { wantsAllFields } from '../common';
import { runPerItem } from '../runPerItem';

export const noteIdField: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. 5001',
	description: 'The numeric note ID, or the EncryptedID from the note’s URL',
};

/** Psychotherapy notes are kept apart from the record: they are read or changed only when chosen here. */
export const noteTypeField: INodeProperties = {
	displayName: 'Note Type',
	name: 'noteType',
	type: 'options',
	options: [
		{ name: 'Contact Note', value: 'contactNote' },
		{ name: 'Intake Note', value: 'intake' },
		{ name: 'Progress Note', value: 'progressNote' },
		{
			name: 'Psychotherapy Note (Kept Apart From the Record)',
			value: 'psychotherapyNote',
			description: 'Choose only when the workflow must read or act on a psychotherapy note; other types never return one',
		},
		{ name: 'Termination Note', value: 'termination' },
		{ name: 'Treatment Plan', value: 'treatmentPlan' },
	],
	default: 'progressNote',
	description: 'The type of the note. A psychotherapy note is found only when this is Psychotherapy Note.',
};

const textField = (displayName: string, name: keyof NoteContentInput): INodeProperties => ({ displayName, name, type: 'string', typeOptions: { rows: 4 }, default: '' });

/** The note's form sections (alphabetical, as n8n shows collections). */
export const noteTextFields: INodeProperties[] = [
	textField('Assessment', 'assessment'),
	textField('Diagnosis Narrative', 'diagnosisText'),
	textField('Interventions', 'interventions'),
	textField('Medications', 'medications'),
	textField('Mental Status', 'mentalStatus'),
	textField('Objective', 'objective'),
	textField('Plan', 'plan'),
	textField('Risk Assessment', 'riskAssessment'),
	textField('Subjective', 'subjective'),
];

/** Codes and billing fields a create or update may set. */
export const codingFields: INodeProperties[] = [
	{ displayName: 'Billable', name: 'billable', type: 'boolean', default: true, description: 'Whether the session is billed (progress notes usually are)' },
	{ displayName: 'ICD-10 Codes', name: 'diagnoses', type: 'string', default: '', placeholder: 'e.g. F41.1, F32.0', description: 'Up to 12 ICD-10 codes, separated by commas' },
	{ displayName: 'Service Code', name: 'serviceCode', type: 'string', default: '', placeholder: 'e.g. 90834', description: 'The CPT code of the session' },
];

/** A numeric text (from an expression) as a number; anything else as given, for the client to judge. */
export const numberOrAsGiven = (value: unknown): unknown => (typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value);

/** Sections and codes together, alphabetical as n8n shows a collection. */
export const updatableFields: INodeProperties[] = [...noteTextFields, ...codingFields].sort((a, b) => a.displayName.localeCompare(b.displayName));

const TEXT_KEYS = new Set(noteTextFields.map((field) => field.name));

/** "F41.1, F32.0" → ['F41.1', 'F32.0']; validating them is the client's job. */
const codeList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,;\s]+/)).filter((code) => code.trim() !== '');

/** A collection of sections and codes → the client's shape; only the fields the user added are present. */
export function readNoteChanges(context: IExecuteFunctions, itemIndex: number, collection: string): UpdateNoteInput {
	const raw = context.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	const content: Record<string, unknown> = {};
	const changes: Record<string, unknown> = { content };
	for (const [key, value] of Object.entries(raw)) {
		if (TEXT_KEYS.has(key)) content[key] = value;
		else if (key === 'diagnoses') changes.diagnoses = codeList(value);
		else if (key === 'serviceCode' && String(value).trim() !== '') changes.serviceCode = value;
		else if (key !== 'serviceCode') changes[key] = value;
	}
	return changes as UpdateNoteInput;
}

export const noteRef = (context: IExecuteFunctions, itemIndex: number): string => String(context.getNodeParameter('noteId', itemIndex, '')).trim();
export const noteTypeOf = (context: IExecuteFunctions, itemIndex: number): NoteType => context.getNodeParameter('noteType', itemIndex, 'progressNote') as NoteType;

/** Minimum necessary: ids, dates, status, revision, signer and supervision — no note text, no diagnoses. */
export function noteSummary(note: NoteSummary & { outcome?: string }): IDataObject {
	const summary: IDataObject = {
		id: note.id,
		encryptedId: note.encryptedId,
		noteType: note.noteType,
		patientId: note.patientId,
		appointmentId: note.appointmentId,
		clinicianId: note.clinicianId,
		dateOfService: note.dateOfService,
		status: note.status,
		revision: note.revision,
		locked: note.locked,
		signed: note.signed,
		signedAt: note.signedAt,
		signerId: note.signerId,
		requiresSupervisorApproval: note.requiresSupervisorApproval,
		supervisorId: note.supervisorId,
		supervisorApproved: note.supervisorApproved,
		supervisorApprovedAt: note.supervisorApprovedAt,
		serviceCode: note.serviceCode,
		billable: note.billable,
		addendaCount: note.addendaCount,
		attachmentCount: note.attachmentCount,
		createdAt: note.createdAt,
		updatedAt: note.updatedAt,
	};
	if (note.outcome !== undefined) summary.outcome = note.outcome;
	return summary;
}

export function noteOutput(context: IExecuteFunctions, itemIndex: number, note: ClinicalNote | NoteSummary): IDataObject {
	return noteItem(note, wantsAllFields(context, itemIndex));
}

/**
 * The same, with the "Output" choice already read: a list reads it once per input item, because
 * n8n resolves and validates a parameter on every getNodeParameter call.
 */
export function noteItem(note: ClinicalNote | NoteSummary, allFields: boolean): IDataObject {
	return allFields ? ({ ...note } as IDataObject) : noteSummary(note);
}

type NoteAction = (this: IExecuteFunctions, client: TherapyNotesClient, noteId: string, options: { noteType: NoteType }, itemIndex: number) => Promise<object>;

/**
 * Operations that name one note and act on it (sign, submit, approve, delete, addendum, attach):
 * the note's ID and type, any extra parameters, the client call, and its answer (ids and status,
 * never note text) as the item.
 */
export function noteActionOperation(operation: string, action: NoteAction, extra: INodeProperties[] = []) {
	return {
		description: updateDisplayOptions({ show: { resource: ['note'], operation: [operation] } }, [noteIdField, noteTypeField, ...extra]),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
			return runPerItem.call(this, items, async function (client, itemIndex) {
				const result = await action.call(this, client, noteRef(this, itemIndex), { noteType: noteTypeOf(this, itemIndex) }, itemIndex);
				return { ...result } as IDataObject;
			});
		},
	};
}
