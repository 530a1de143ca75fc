import type { RunningSandbox } from '../../sandbox/server';
import { ownValues } from '../../sandbox/handlers/notesText';

/**
 * The suite-wide PHI and secret scan (issue #9 item 7): what must never appear in a log line, an
 * error message, an audit line or an n8n execution error, and a scanner fast enough to run over
 * everything a test file produced.
 */

export type ForbiddenKind = 'patient name' | 'date of birth' | 'email' | 'diagnosis' | 'note text' | 'password' | 'TOTP secret' | 'cookie';

export interface Forbidden {
	kind: ForbiddenKind;
	value: string;
}

export interface CapturedLine {
	source: 'error' | 'node-error' | 'n8n-log' | 'audit' | 'stdout' | 'stderr' | 'console';
	text: string;
}

/** Where a forbidden value was found; the value itself is never repeated, only its kind and a masked excerpt. */
export interface LeakHit {
	kind: ForbiddenKind;
	source: CapturedLine['source'];
	excerpt: string;
}

/** Shorter values (a 4-letter surname) would match ordinary words; every value kept has at least this many characters. */
const MIN_LENGTH = 5;

/**
 * Fixed example text in our own messages that looks like a forbidden value but is not patient
 * data (a validation message quotes an example ICD-10 code). Removed before scanning.
 */
const STATIC_EXAMPLES = [/ICD-10 code like F41\.1/g];

const usDate = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;

/** Every seeded or test-made patient's name, birth date, email, diagnosis and note text, and the logins' secrets. */
export function forbiddenOf(sandbox: RunningSandbox): Forbidden[] {
	const { store, demo } = sandbox.state;
	const out: Forbidden[] = [
		{ kind: 'password', value: demo.password },
		{ kind: 'TOTP secret', value: demo.totpSecret },
	];
	for (const user of store.users) if (user.totpSecret) out.push({ kind: 'TOTP secret', value: user.totpSecret });
	for (const p of store.patients.values()) {
		out.push({ kind: 'patient name', value: `${p.firstName} ${p.lastName}` }, { kind: 'patient name', value: `${p.lastName}, ${p.firstName}` }, { kind: 'patient name', value: p.lastName });
		if (p.dob) out.push({ kind: 'date of birth', value: p.dob }, { kind: 'date of birth', value: usDate(p.dob) });
		if (p.email) out.push({ kind: 'email', value: p.email });
	}
	const diagnoses = new Set<string>();
	const texts = new Set<string>();
	for (const note of store.notes.values()) {
		for (const code of note.diagnoses) diagnoses.add(code);
		for (const text of Object.values(ownValues(note))) texts.add(text);
		for (const addendum of note.addenda) texts.add(addendum.text);
	}
	for (const code of diagnoses) out.push({ kind: 'diagnosis', value: code });
	for (const text of texts) out.push({ kind: 'note text', value: text });
	return out;
}

export function dedupe(forbidden: Forbidden[]): Forbidden[] {
	const seen = new Map<string, Forbidden>();
	for (const entry of forbidden) {
		const value = entry.value?.trim();
		if (value && value.length >= MIN_LENGTH && !seen.has(value)) seen.set(value, { kind: entry.kind, value });
	}
	return [...seen.values()];
}

const mask = (text: string, at: number, length: number) =>
	`${text.slice(Math.max(0, at - 40), at)}[${'•'.repeat(Math.min(length, 12))}]${text.slice(at + length, at + length + 40)}`.replace(/\s+/g, ' ');

/**
 * Finds every forbidden value in the lines. Indexed by each value's first characters, so a scan
 * costs one map lookup per character of text, not one pass per value (there are thousands).
 */
export function scanLines(lines: CapturedLine[], forbidden: Forbidden[]): LeakHit[] {
	const byPrefix = new Map<string, Forbidden[]>();
	for (const entry of dedupe(forbidden)) {
		const key = entry.value.slice(0, MIN_LENGTH);
		byPrefix.set(key, [...(byPrefix.get(key) ?? []), entry]);
	}
	const hits: LeakHit[] = [];
	for (const line of lines) {
		const text = STATIC_EXAMPLES.reduce((t, pattern) => t.replace(pattern, ''), line.text);
		for (let i = 0; i + MIN_LENGTH <= text.length; i++) {
			const candidates = byPrefix.get(text.slice(i, i + MIN_LENGTH));
			if (!candidates) continue;
			for (const entry of candidates) {
				if (text.startsWith(entry.value, i)) hits.push({ kind: entry.kind, source: line.source, excerpt: mask(text, i, entry.value.length) });
			}
		}
	}
	return hits;
}
