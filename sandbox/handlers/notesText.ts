import type { Note } from '../data/types';
import { FORM_ELEMENTS } from '../data/catalog';
import { Random } from '../util/random';

/**
 * The text of a note's form. Seeded notes store no text (`values: null`): 50,000 notes of prose
 * would dominate the sandbox's memory, so their text is generated on read from the note id —
 * the same note always reads the same. The sentences are bland placeholders, not clinical content.
 */

export type ElementName = keyof typeof FORM_ELEMENTS;

const NAME_BY_ID = new Map<number, ElementName>(Object.entries(FORM_ELEMENTS).map(([name, id]) => [id, name as ElementName]));

/** Elements a save may write; the Signature element is set only by signing. */
export const EDITABLE_ELEMENT_IDS: readonly number[] = Object.values(FORM_ELEMENTS).filter((id) => id !== FORM_ELEMENTS.Signature);

export function elementName(elementId: number): ElementName | undefined {
	return NAME_BY_ID.get(elementId);
}

/** "Element 13000 (Subjective)": how validation messages name an element. */
export function elementLabel(elementId: number): string {
	const name = elementName(elementId);
	return name ? `Element ${elementId} (${name})` : `Element ${elementId}`;
}

const PHRASES: Partial<Record<ElementName, readonly string[][]>> = {
	Subjective: [
		['Client described the week as', 'Client said the past days were', 'Client called recent days'],
		['steady.', 'busy.', 'mixed.', 'quieter than usual.', 'much like before.'],
	],
	Objective: [
		['Client arrived on time', 'Client joined the session promptly', 'Client arrived a few minutes early'],
		['and took part throughout.', 'and stayed engaged.', 'and followed the agenda.'],
	],
	Assessment: [
		['Progress toward the sample goals is', 'Movement on the session goals is'],
		['steady.', 'gradual.', 'in line with the plan.', 'modest but present.'],
	],
	Plan: [
		['Continue', 'Keep'],
		['weekly sessions.', 'sessions every two weeks.', 'the current schedule.'],
	],
	Interventions: [
		['Used', 'Practised', 'Reviewed'],
		['goal setting.', 'a planning exercise.', 'the homework sheet.', 'a skills worksheet.'],
	],
	MentalStatus: [['Placeholder status text:'], ['unremarkable.', 'no change noted.', 'as at the last visit.']],
	RiskAssessment: [['Placeholder screening text:'], ['nothing new raised.', 'no change from last time.']],
	Medications: [['Placeholder medication text:'], ['no changes reported.', 'list reviewed, unchanged.']],
};

function sentence(random: Random, parts: readonly string[][]): string {
	return parts.map((choices) => random.pick(choices)).join(' ');
}

/** Deterministic synthetic text for a note that stores none. */
export function generatedValues(note: Note): Record<number, string> {
	// Offset so note 1001's text is not the same stream as seed 1001 elsewhere in the sandbox.
	const random = new Random(note.id * 2654435761 + 0x6e6f7465);
	const values: Record<number, string> = {};
	for (const [name, parts] of Object.entries(PHRASES) as [ElementName, string[][]][]) {
		const count = name === 'Subjective' || name === 'Assessment' ? 2 : 1;
		values[FORM_ELEMENTS[name]] = Array.from({ length: count }, () => sentence(random, parts)).join(' ');
	}
	return values;
}

/** The note's own text, stored or generated for seeded notes; a fresh copy the caller may change. */
export function ownValues(note: Note): Record<number, string> {
	return note.values ? { ...note.values } : generatedValues(note);
}

/** The form as it reads: the note's own text, with the Diagnosis element filled from the codes when left empty. */
export function noteValues(note: Note): Record<number, string> {
	const values = ownValues(note);
	if (values[FORM_ELEMENTS.Diagnosis] === undefined && note.diagnoses.length > 0) values[FORM_ELEMENTS.Diagnosis] = note.diagnoses.join(', ');
	return values;
}

/** True when at least one form element holds non-blank text. */
export function hasAnyText(values: Record<number, string>): boolean {
	return Object.values(values).some((value) => value.trim() !== '');
}
