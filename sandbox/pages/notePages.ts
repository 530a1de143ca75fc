import type { HandlerArgs, PageRoute } from '../http/routes';
import type { Note } from '../data/types';
import { FORM_ELEMENTS } from '../data/catalog';
import { clinicianName } from '../handlers/common';
import { visibleNote } from '../handlers/notesLifecycle';
import { noteValues, type ElementName } from '../handlers/notesText';
import { dateOfService, NOTE_STATUS_WIRE, noteTypeName } from '../handlers/notesWire';
import { toPortalDate, toPortalDateTime } from '../util/dates';
import { cell, esc, table } from './html';
import { portalPage } from './corePages';

/** "MentalStatus" → "mental-status": the data-testid suffix of each form element's container. */
const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

function formSections(note: Note): string {
	const values = noteValues(note);
	return (Object.entries(FORM_ELEMENTS) as [ElementName, number][])
		.filter(([name]) => name !== 'Signature')
		.map(([name, id]) => `<section class="tn-note-field"><h2>${esc(name)}</h2><div data-testid="note-${kebab(name)}" data-element-id="${id}">${esc(values[id] ?? '')}</div></section>`)
		.join('\n');
}

function signatureBlock(args: HandlerArgs, note: Note): string {
	const name = (id: number | null) => esc(clinicianName(id === null ? undefined : args.state.store.user(id)));
	const signature = note.signedAt ? `Electronically signed by ${name(note.signerId)} on ${toPortalDateTime(note.signedAt)}` : 'Not signed';
	const cosign = note.supervisorSignedAt ? `Approved by ${name(note.supervisorId)} on ${toPortalDateTime(note.supervisorSignedAt)}` : note.status === 'awaiting-supervisor' ? `Awaiting approval by ${name(note.supervisorId)}` : '';
	return `<p data-testid="note-signature" data-signer-id="${note.signerId ?? ''}">${signature}</p>
<p data-testid="note-supervisor-signature" data-supervisor-id="${note.supervisorId ?? ''}">${cosign}</p>`;
}

function noteView(args: HandlerArgs, match: RegExpExecArray): string {
	// A psychotherapy note opens only when the link names its type (?notetype=8), like getnote.
	const typeParam = args.ctx.url.searchParams.get('notetype');
	const note = visibleNote(args.state, match[1], typeParam === null ? undefined : Number(typeParam));
	const patient = args.state.store.patients.get(note.patientId);
	const diagnoses = note.diagnoses.map((code) => `<li data-testid="note-diagnosis-code">${esc(code)}</li>`).join('');
	const addenda = note.addenda.map((a) => [cell('addendum-date', toPortalDateTime(a.createdAt)), cell('addendum-author', a.authorId), cell('addendum-text', a.text)]);
	const attachments = note.attachments.map((a) => [cell('attachment-name', a.fileName), cell('attachment-size', a.sizeBytes), cell('attachment-sha256', a.sha256)]);
	const body = `<article data-testid="note-view" data-note-id="${note.id}" data-encrypted-id="${esc(note.encryptedId)}" data-note-type="${note.noteType}">
<h1 data-testid="note-title">${esc(noteTypeName(note.noteType))}</h1>
<dl><dt>Client</dt><dd data-testid="note-patient" data-patient-id="${note.patientId}">${esc(patient ? `${patient.firstName} ${patient.lastName}` : '')}</dd>
<dt>Date of service</dt><dd data-testid="note-date-of-service">${toPortalDate(dateOfService(args.state, note))}</dd>
<dt>Clinician</dt><dd data-testid="note-clinician" data-clinician-id="${note.clinicianId}">${esc(clinicianName(args.state.store.user(note.clinicianId)))}</dd>
<dt>Status</dt><dd data-testid="note-status">${NOTE_STATUS_WIRE[note.status]}</dd>
<dt>Revision</dt><dd data-testid="note-revision">${note.revision}</dd>
<dt>Service code</dt><dd data-testid="note-service-code">${esc(note.serviceCode)}</dd></dl>
<ul data-testid="note-diagnoses">${diagnoses}</ul>
${formSections(note)}
${signatureBlock(args, note)}
${table('note-addenda', ['Date', 'Author', 'Addendum'], addenda)}
${table('note-attachments', ['File', 'Bytes', 'SHA-256'], attachments)}
</article>`;
	return portalPage(args, noteTypeName(note.noteType), body);
}

export const NOTE_PAGES: PageRoute[] = [
	{ name: 'page/note', pattern: /^\/app\/notes\/view\/([A-Za-z0-9_-]{1,40})\/?$/i, provenance: 'assumed', description: 'Note view at `/app/notes/view/<EncryptedNoteId>/` (`?notetype=8` for a psychotherapy note): `data-testid` containers note-subjective … note-medications, note-status, note-signature, note-supervisor-signature, note-diagnoses, note-addenda, note-attachments', render: noteView },
];
