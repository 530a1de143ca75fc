import { createHash } from 'node:crypto';
import { z } from 'zod';
import { notes as wire } from '../../portal';
import type { PortalCall } from '../../session/protocol';
import { PortalRefusalError, TherapyNotesError, WriteOutcomeUnknownError } from '../../session/errors';
import type { Requester } from './patients';
import {
	addendumResultSchema,
	addendumTextSchema,
	attachmentInputSchema,
	attachmentResultSchema,
	createdNoteSchema,
	createNoteInputSchema,
	deletedNoteSchema,
	noteAppointmentRefSchema,
	noteListParamsSchema,
	NoteLockedError,
	NoteNotFoundError,
	noteOptionsSchema,
	notePatientRefSchema,
	noteRefSchema,
	noteSchema,
	noteStatusChangeSchema,
	noteSummarySchema,
	updateNoteInputSchema,
	type AddendumResult,
	type AttachmentInput,
	type AttachmentResult,
	type ClinicalNote,
	type CreatedNote,
	type CreateNoteInput,
	type DeletedNote,
	type NoteListParams,
	type NoteOptions,
	type NoteStatusChange,
	type NoteSummary,
	type NoteType,
	type UpdateNoteInput,
} from '../schemas/notes';
import { checkInput, checkOutput } from '../validation';

type Ref = string | number;
type PageCall = (page: number) => PortalCall<{ notes: unknown[]; pageCount: number }>;
type StatusCall = (id: Ref, type: NoteType) => PortalCall<unknown>;

const isRefusal = (error: unknown, code: string): error is PortalRefusalError => error instanceof PortalRefusalError && error.code === code;
const newestFirst = (a: NoteSummary, b: NoteSummary) => b.dateOfService.localeCompare(a.dateOfService) || b.id - a.id;

/**
 * Clinical notes. Three rules hold for every method:
 * - a psychotherapy note is read only when the call names that type (lists drop any that slip in);
 * - a signed or awaiting-supervisor note is never sent a change: update and delete read its state first;
 * - a write whose answer was lost is looked up before it is sent again, so it never happens twice.
 */
export class NotesResource {
	constructor(protected readonly session: Requester) {}

	/** Notes newest date of service first; psychotherapy notes only with `includePsychotherapy`. */
	async list(params: NoteListParams = {}): Promise<NoteSummary[]> {
		const { includePsychotherapy, limit, ...filter } = checkInput(noteListParamsSchema, params, 'params');
		const record = await this.collect((page) => wire.listNotes(filter, page), (n) => n.noteType !== 'psychotherapyNote', limit);
		if (!includePsychotherapy) return record;
		const matches = (n: NoteSummary) =>
			n.noteType === 'psychotherapyNote' &&
			(filter.appointmentId === undefined || n.appointmentId === filter.appointmentId) &&
			(filter.clinicianId === undefined || n.clinicianId === filter.clinicianId) &&
			(filter.status === undefined || n.status === filter.status);
		const psychotherapy = await this.collect((page) => wire.listPsychotherapyNotes(filter.patientId!, page), matches, limit);
		// Both lists are newest first, so the first `limit` of the merge are the first `limit` overall.
		return [...record, ...psychotherapy].sort(newestFirst).slice(0, limit);
	}

	async get(ref: Ref, options: NoteOptions = {}): Promise<ClinicalNote> {
		const noteId = checkInput(noteRefSchema, ref, 'noteId');
		const { noteType } = checkInput(noteOptionsSchema, options, 'options');
		return this.read(noteId, noteType);
	}

	/** The appointment's progress note, or null when it has none. */
	async getForAppointment(appointmentId: Ref, patientId: Ref): Promise<ClinicalNote | null> {
		const appointment = checkInput(noteAppointmentRefSchema, appointmentId, 'appointmentId');
		const patient = checkInput(notePatientRefSchema, patientId, 'patientId');
		try {
			return this.checked(await this.session.request(wire.getAppointmentNote(appointment, patient, 'progressNote')), appointment, 'progressNote');
		} catch (error) {
			if (isRefusal(error, 'NotFound')) return null;
			throw error;
		}
	}

	/**
	 * A draft progress note for an appointment. The portal allows one per appointment, which makes
	 * the create safe: a second one is refused with the existing note's id (returned when it is a
	 * draft), and a lost answer is settled by opening the appointment's note before sending again.
	 */
	async create(input: CreateNoteInput): Promise<CreatedNote> {
		const { startFrom, ...data } = checkInput(createNoteInputSchema, input, 'note');
		const copyFromNoteId = startFrom === 'previousNote' ? await this.previousNoteId(data.patientId) : undefined;
		const request: wire.SaveNoteRequest = { ...data, noteType: 'progressNote', copyFromNoteId };
		let outcome: CreatedNote['outcome'] = 'created';
		let noteId: number;
		try {
			noteId = await this.settle(
				async () => (await this.session.request(wire.saveNote(request, { idempotent: false }))).id,
				async () => (await this.getForAppointment(data.appointmentId, data.patientId))?.id,
				() => (outcome = 'recovered'),
			);
		} catch (error) {
			const existing = isRefusal(error, 'NoteExists') ? Number(error.details.ExistingNoteId) : NaN;
			if (!Number.isInteger(existing) || existing <= 0) throw error;
			[outcome, noteId] = ['existingDraft', existing];
		}
		const note = await this.read(noteId, 'progressNote');
		if (note.locked) throw new TherapyNotesError(`Appointment ${data.appointmentId} already has a ${note.status === 'signed' ? 'signed' : 'locked'} progress note (note ${note.id}); no draft was created. Use 'Add Addendum' on that note.`);
		return checkOutput(createdNoteSchema, { ...note, outcome }, 'notes/create');
	}

	/** Changes only the given fields of a draft; a locked note is refused before anything is sent. */
	async update(ref: Ref, changes: UpdateNoteInput, options: NoteOptions = {}): Promise<ClinicalNote> {
		const noteId = checkInput(noteRefSchema, ref, 'noteId');
		const data = checkInput(updateNoteInputSchema, changes, 'changes');
		const { noteType } = checkInput(noteOptionsSchema, options, 'options');
		const current = await this.editable(noteId, noteType, 'edited');
		// Writing the same values twice leaves the same note, so a lost answer may be retried.
		await this.session.request(wire.saveNote({ ...data, noteId: current.id, noteType }, { idempotent: true }));
		return this.read(current.id, noteType);
	}

	/** Deletes an unsigned draft; a locked note is refused before anything is sent. */
	async delete(ref: Ref, options: NoteOptions = {}): Promise<DeletedNote> {
		const noteId = checkInput(noteRefSchema, ref, 'noteId');
		const { noteType } = checkInput(noteOptionsSchema, options, 'options');
		const current = await this.editable(noteId, noteType, 'deleted');
		const gone = async () => {
			try {
				await this.read(current.id, noteType);
				return undefined;
			} catch (error) {
				if (error instanceof NoteNotFoundError) return { id: current.id, deleted: true as const };
				throw error;
			}
		};
		const result = await this.settle(() => this.session.request(wire.deleteNote(current.id, noteType)), gone);
		return checkOutput(deletedNoteSchema, result, 'notes/delete');
	}

	/** Signs and locks; a supervised clinician's note then reports status 'awaitingSupervisor'. */
	sign(ref: Ref, options: NoteOptions = {}): Promise<NoteStatusChange> {
		return this.transition(ref, options, 'notes/sign', wire.signNote, (n) => n.status !== 'draft');
	}

	/** A supervised clinician's draft goes to the supervisor (locked while it waits). */
	submitForApproval(ref: Ref, options: NoteOptions = {}): Promise<NoteStatusChange> {
		return this.transition(ref, options, 'notes/submit', wire.submitNote, (n) => n.status !== 'draft');
	}

	/** The supervisor approves and co-signs a note awaiting approval. */
	approve(ref: Ref, options: NoteOptions = {}): Promise<NoteStatusChange> {
		return this.transition(ref, options, 'notes/cosign', wire.cosignNote, (n) => n.status === 'signed' && n.supervisorApproved);
	}

	/** Adds to a signed note without changing it; the note's addenda count tells whether a lost answer was applied. */
	async addAddendum(ref: Ref, text: string, options: NoteOptions = {}): Promise<AddendumResult> {
		const noteId = checkInput(noteRefSchema, ref, 'noteId');
		const body = checkInput(addendumTextSchema, text, 'text');
		const { noteType } = checkInput(noteOptionsSchema, options, 'options');
		const before = await this.read(noteId, noteType);
		if (before.status !== 'signed') {
			const why = before.status === 'draft' ? "is a draft: use 'Update' to change it" : 'is awaiting supervisor approval: an addendum can follow the approval';
			throw new TherapyNotesError(`Addenda can be added only to signed notes; note ${before.id} ${why}. Nothing was sent.`);
		}
		const applied = async () => {
			const after = await this.read(before.id, noteType);
			const added = after.addenda.slice(before.addenda.length).find((a) => a.text === body);
			return added ? { noteId: after.id, addendumId: added.id, addendaCount: after.addenda.length } : undefined;
		};
		return checkOutput(addendumResultSchema, await this.settle(() => this.session.request(wire.addAddendum(before.id, noteType, body)), applied), 'notes/addendum');
	}

	/** Attaches a file of at most 10 MB (refused before any request when larger). */
	async attach(ref: Ref, file: AttachmentInput, options: NoteOptions = {}): Promise<AttachmentResult> {
		const noteId = checkInput(noteRefSchema, ref, 'noteId');
		const { fileName, content } = checkInput(attachmentInputSchema, file, 'file');
		const { noteType } = checkInput(noteOptionsSchema, options, 'options');
		const sha256 = createHash('sha256').update(content).digest('hex');
		const applied = async () => {
			const note = await this.read(noteId, noteType);
			const same = note.attachments.find((a) => a.sha256 === sha256 && a.fileName === fileName);
			return same ? { noteId: note.id, attachmentId: same.id, fileName: same.fileName, sizeBytes: same.sizeBytes, sha256 } : undefined;
		};
		const base64 = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64');
		return checkOutput(attachmentResultSchema, await this.settle(() => this.session.request(wire.uploadAttachment(noteId, noteType, fileName, base64)), applied), 'notes/upload');
	}

	// ---- internals ----

	private async read(noteId: Ref, noteType: NoteType): Promise<ClinicalNote> {
		try {
			return this.checked(await this.session.request(wire.getNote(noteId, noteType)), noteId, noteType);
		} catch (error) {
			if (isRefusal(error, 'NotFound')) throw new NoteNotFoundError(noteId, noteType);
			throw error;
		}
	}

	/** Output check, plus our own guard: a psychotherapy note that was not asked for is never handed out. */
	private checked(raw: unknown, ref: Ref, noteType: NoteType): ClinicalNote {
		const note = checkOutput(noteSchema, raw, 'notes/get');
		if ((note.noteType === 'psychotherapyNote') !== (noteType === 'psychotherapyNote')) throw new NoteNotFoundError(ref, noteType);
		return note;
	}

	/** One read of the note's state; a locked note stops the change here. */
	private async editable(noteId: Ref, noteType: NoteType, verb: string): Promise<ClinicalNote> {
		const note = await this.read(noteId, noteType);
		if (note.locked || note.status !== 'draft') throw new NoteLockedError(note.id, note.status, verb);
		return note;
	}

	/** Sign, submit, approve: one request; a lost answer is settled by reading the note's status. */
	private async transition(ref: Ref, options: NoteOptions, operation: string, call: StatusCall, done: (note: ClinicalNote) => boolean): Promise<NoteStatusChange> {
		const noteId = checkInput(noteRefSchema, ref, 'noteId');
		const { noteType } = checkInput(noteOptionsSchema, options, 'options');
		const applied = async () => {
			const note = await this.read(noteId, noteType);
			return done(note) ? { id: note.id, encryptedId: note.encryptedId, status: note.status, revision: note.revision, signed: note.signed, locked: note.locked } : undefined;
		};
		return checkOutput(noteStatusChangeSchema, await this.settle(() => this.session.request(call(noteId, noteType)), applied), operation);
	}

	/**
	 * Sends a write that is not idempotent. When its answer is lost, `applied` reads whether it took
	 * effect; only when it did not is the write sent once more.
	 */
	private async settle<T>(send: () => Promise<T>, applied: () => Promise<T | undefined>, onRecovered?: () => void): Promise<T> {
		try {
			return await send();
		} catch (error) {
			if (!(error instanceof WriteOutcomeUnknownError)) throw error;
			const result = await applied();
			if (result === undefined) return send();
			onRecovered?.();
			return result;
		}
	}

	/** Pages through a list (20 a page) until `limit` rows passed `keep` or the pages end. */
	private async collect(call: PageCall, keep: (note: NoteSummary) => boolean, limit?: number): Promise<NoteSummary[]> {
		const rows: NoteSummary[] = [];
		for (let page = 1; ; page++) {
			const answer = await this.session.request(call(page));
			for (const note of checkOutput(z.array(noteSummarySchema), answer.notes, 'notes/list')) {
				if (!keep(note)) continue;
				rows.push(note);
				if (limit !== undefined && rows.length >= limit) return rows;
			}
			if (page >= answer.pageCount) return rows;
		}
	}

	/** The patient's newest progress note, for "start from the previous note". */
	private async previousNoteId(patientId: Ref): Promise<number> {
		const [previous] = await this.collect((page) => wire.listNotes({ patientId }, page), (n) => n.noteType === 'progressNote', 1);
		if (!previous) throw new TherapyNotesError(`Patient ${patientId} has no earlier progress note to start from; start from a blank note or a template. Nothing was created.`);
		return previous.id;
	}
}
