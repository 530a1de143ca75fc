import { z, type ZodTypeAny } from 'zod';
import { jsonCall, type Handler } from './call';
import type { PortalCall } from '../session/protocol';
import { loadSchedule } from './appointments';
import { searchClaims } from './claims';
import { searchEras } from './eras';
import { listNotes, NOTE_ELEMENTS, NOTE_TYPE_IDS, type NoteContent, type NoteElementName, type NoteTypeName } from './notes';
import { listPatients } from './patients';
import { wireMoney } from './wireTypes';

/** The practice's reference lists, its To-Do list and note templates (all assumed handlers). */
export const PRACTICE_HANDLERS = {
	clinicians: { operation: 'practice/clinicians', path: '/app/practice/loadclinicians.aspx', msg: 2 },
	serviceCodes: { operation: 'practice/servicecodes', path: '/app/practice/loadservicecodes.aspx', msg: 3 },
	locations: { operation: 'practice/locations', path: '/app/practice/loadlocations.aspx', msg: 4 },
	payers: { operation: 'practice/payers', path: '/app/practice/loadpayers.aspx', msg: 5 },
	info: { operation: 'practice/info', path: '/app/practice/loadpracticeinfo.aspx', msg: 6 },
	noteTemplates: { operation: 'notes/templates', path: '/app/notes/api/listtemplates.aspx', msg: 1 },
	todo: { operation: 'todo/list', path: '/app/todo/loadtodolist.aspx', msg: 2 },
} satisfies Record<string, Handler>;

const addressSchema = z
	.object({ Street: z.string(), City: z.string(), State: z.string(), Zip: z.string() })
	.transform((a) => ({ street: a.Street, city: a.City, state: a.State, zip: a.Zip }));

/** A read: safe to retry. (A refusal, `Success: false`, is caught before the schema.) */
function read<S extends ZodTypeAny, T>(handler: Handler, form: Record<string, string>, answer: S, map: (value: z.infer<S>) => T) {
	return jsonCall(handler, form, answer, map, { idempotent: true });
}

/** Only allow-listed fields are mapped, so anything else the portal adds (a login, a secret) stays out. */
const clinicianSchema = z.object({
	ID: z.number().int(),
	FirstName: z.string(),
	LastName: z.string(),
	Name: z.string(),
	Credentials: z.string().nullable(),
	NPI: z.string().nullable(),
	SupervisorID: z.number().int().nullable(),
});

export const loadClinicians = () =>
	read(PRACTICE_HANDLERS.clinicians, {}, z.object({ Clinicians: z.array(clinicianSchema) }), (a) =>
		a.Clinicians.map((c) => ({ id: c.ID, firstName: c.FirstName, lastName: c.LastName, name: c.Name, credentials: c.Credentials ?? '', npi: c.NPI ?? '', supervisorId: c.SupervisorID })),
	);

export const loadServiceCodes = () =>
	read(
		PRACTICE_HANDLERS.serviceCodes,
		{},
		z.object({ ServiceCodes: z.array(z.object({ Code: z.string().min(1), Description: z.string(), DefaultMinutes: z.number().int(), Fee: wireMoney })) }),
		(a) => a.ServiceCodes.map((s) => ({ code: s.Code, description: s.Description, defaultMinutes: s.DefaultMinutes, feeCents: s.Fee })),
	);

export const loadLocations = () =>
	read(
		PRACTICE_HANDLERS.locations,
		{},
		z.object({ Locations: z.array(z.object({ ID: z.number().int(), Name: z.string(), PlaceOfService: z.string(), IsTelehealth: z.boolean(), Address: addressSchema })) }),
		(a) => a.Locations.map((l) => ({ id: l.ID, name: l.Name, placeOfService: l.PlaceOfService, isTelehealth: l.IsTelehealth, address: l.Address })),
	);

export const loadPayers = () =>
	read(PRACTICE_HANDLERS.payers, {}, z.object({ Payers: z.array(z.object({ ID: z.number().int(), Name: z.string(), ElectronicPayerID: z.string() })) }), (a) =>
		a.Payers.map((p) => ({ id: p.ID, name: p.Name, electronicPayerId: p.ElectronicPayerID })),
	);

export const loadPracticeInfo = () =>
	read(
		PRACTICE_HANDLERS.info,
		{},
		z.object({ Practice: z.object({ ID: z.number().int(), Code: z.string(), Name: z.string(), NPI: z.string(), TaxID: z.string(), Address: addressSchema }) }),
		({ Practice: p }) => ({ id: p.ID, code: p.Code, name: p.Name, npi: p.NPI, taxId: p.TaxID, address: p.Address }),
	);

const NOTE_TYPE_NAMES = new Map<number, NoteTypeName>(Object.entries(NOTE_TYPE_IDS).map(([name, id]) => [id, name as NoteTypeName]));
const ELEMENT_NAMES = new Map<number, NoteElementName>(Object.entries(NOTE_ELEMENTS).map(([name, id]) => [id, name as NoteElementName]));

/** A template's starting text under the note's element names; elements we do not know are left out. */
function templateContent(values: { ElementId: number; Value: string }[]): NoteContent {
	const content: NoteContent = {};
	for (const { ElementId, Value } of values) {
		const name = ELEMENT_NAMES.get(ElementId);
		if (name) content[name] = Value;
	}
	return content;
}

/** Note templates (with their starting text), optionally of one note type. */
export const loadNoteTemplates = (noteType?: NoteTypeName) =>
	read(
		PRACTICE_HANDLERS.noteTemplates,
		noteType === undefined ? {} : { notetype: String(NOTE_TYPE_IDS[noteType]) },
		z.object({
			Templates: z.array(z.object({ ID: z.number().int(), Name: z.string(), NoteType: z.number().int(), FormElementValues: z.array(z.object({ ElementId: z.number().int(), Value: z.string() })) })),
		}),
		(a) =>
			a.Templates.map((t) => ({
				id: t.ID,
				name: t.Name,
				noteType: NOTE_TYPE_NAMES.get(t.NoteType) ?? ('other' as const),
				content: templateContent(t.FormElementValues),
			})),
	);

/** The To-Do list of the logged-in user: every kind of item, with the records it counts. */
export const loadTodoList = () =>
	read(
		PRACTICE_HANDLERS.todo,
		{},
		z.object({
			UserID: z.number().int(),
			Items: z.array(
				z.object({ Type: z.string().min(1), Title: z.string(), Count: z.number().int().nonnegative(), RecordKind: z.enum(['note', 'claim', 'era']), IDs: z.array(z.number().int()), EncryptedIDs: z.array(z.string()) }),
			),
		}),
		(a) => ({
			userId: a.UserID,
			items: a.Items.map((i) => ({ type: i.Type, title: i.Title, count: i.Count, recordKind: i.RecordKind, ids: i.IDs, encryptedIds: i.EncryptedIDs })),
		}),
	);

/** One read per area of the portal, for a healthcheck: each parses a whole first page, so a changed shape shows. */
export interface HealthProbe {
	area: string;
	call: PortalCall<unknown>;
}

/** Logging in is checked with the practice's own record, the lightest read there is. */
export const loginProbe = (): HealthProbe => ({ area: 'login', call: loadPracticeInfo() });

export function healthProbes(today: string): HealthProbe[] {
	return [
		{ area: 'patients', call: listPatients({ page: 1, status: 'any' }) },
		{ area: 'schedule', call: loadSchedule([{ from: today, to: today }]) },
		{ area: 'notes', call: listNotes({}, 1) },
		{ area: 'claims', call: searchClaims({}, 1) },
		{ area: 'eras', call: searchEras({}, 1) },
		{ area: 'clinicians', call: loadClinicians() },
		{ area: 'serviceCodes', call: loadServiceCodes() },
		{ area: 'locations', call: loadLocations() },
		{ area: 'payers', call: loadPayers() },
		{ area: 'noteTemplates', call: loadNoteTemplates() },
		{ area: 'todo', call: loadTodoList() },
	];
}
