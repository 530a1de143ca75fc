import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { noteTypeSchema, type PracticeTemplateFilter } from '../../../lib/client';
import { clientFor } from '../transport';

/** Cents as the dropdown shows them: "130.00". */
const dollars = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

async function getClinicians(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const clinicians = await (await clientFor(this)).practice.clinicians();
	return clinicians.map((c) => ({ name: c.credentials ? `${c.name}, ${c.credentials}` : c.name, value: c.id }));
}

async function getServiceCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const codes = await (await clientFor(this)).practice.serviceCodes();
	return codes.map((s) => ({ name: `${s.code} – ${s.description}`, value: s.code, description: `${s.defaultMinutes} min, fee ${dollars(s.feeCents)}` }));
}

async function getPayers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const payers = await (await clientFor(this)).practice.payers();
	return payers.map((p) => ({ name: p.name, value: p.id, description: `Electronic payer ID ${p.electronicPayerId}` }));
}

async function getLocations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const locations = await (await clientFor(this)).practice.locations();
	return locations.map((l) => ({ name: l.name, value: l.id, description: `Place of service ${l.placeOfService}${l.isTelehealth ? ' (telehealth)' : ''}` }));
}

/** Templates of the note type chosen in the same node (a `noteType` parameter), else all. */
async function getNoteTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const chosen = noteTypeSchema.safeParse(this.getCurrentNodeParameter('noteType'));
	const filter: PracticeTemplateFilter = chosen.success ? { noteType: chosen.data } : {};
	const templates = await (await clientFor(this)).practice.noteTemplates(filter);
	return templates.map((t) => ({ name: t.name, value: t.id, description: t.noteType }));
}

/**
 * Dropdown sources other operations name in `typeOptions.loadOptionsMethod`; these five names are
 * a contract with every resource of the node.
 */
export const loadOptionsMethods: Record<string, (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>> = {
	getClinicians,
	getServiceCodes,
	getPayers,
	getLocations,
	getNoteTemplates,
};
