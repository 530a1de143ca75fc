import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { admin, sandboxDay } from '../helpers/sandbox';
import { auditEntries, recordsOf, sandboxStats, startChaosEnv, type ChaosEnv } from './env';

/**
 * Item 4 of issue #9: every operation the node offers that would change a note, tried on a signed
 * note, through n8n-core's engine → no change reaches the note (the sandbox's audit has no entry
 * for it and its record is unchanged) and each error offers an addendum. Add Addendum is the
 * allowed way and is checked to work; Attach File is allowed on signed notes by design (an
 * attachment is not note content) and is reported apart.
 */
export interface SignedNoteAttempt {
	operation: string;
	error: string | null;
	offersAddendum: boolean;
	/** Write requests it sent to the portal (0 when the client refused it before sending). */
	writesSent: number;
}

export interface SignedNotesResult {
	attempts: SignedNoteAttempt[];
	/** Audit entries on the note, and record changes, caused by the refused operations. */
	changes: number;
	addendumAdded: boolean;
	attachAllowed: boolean;
}

const note = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'note', operation, ...parameters });

async function signedNote(env: ChaosEnv): Promise<{ noteId: number; appointmentId: number; patientId: number }> {
	const patientId = Number((await recordsOf(env.sandbox, 'patients', 'limit=1'))[0].id);
	const appointment = await admin(env.sandbox, 'POST', 'act/appointment-create', { patientId, clinicianId: 1, start: `${sandboxDay(env.sandbox, -2)}T10:00` });
	await admin(env.sandbox, 'POST', 'act/appointment-status', { appointmentId: appointment.id, status: 1 });
	const created = await env.n8n.runNode({
		parameters: note('create', { patientId: { __rl: true, mode: 'id', value: String(patientId) }, appointmentId: String(appointment.id), noteText: { subjective: 'Signed-note subjective.' }, additionalFields: { diagnoses: 'F41.1', serviceCode: '90834' } }),
		credential: env.credential,
	});
	const noteId = Number(created.items[0].json.id);
	const signed = await env.n8n.runNode({ parameters: note('sign', { noteId: String(noteId) }), credential: env.credential });
	if (signed.items[0]?.json.status !== 'signed') throw new Error(`note ${noteId} was not signed: ${signed.error?.message ?? JSON.stringify(signed.items[0]?.json)}`);
	return { noteId, appointmentId: Number(appointment.id), patientId };
}

/** The note-changing operations, as a workflow would configure them against the signed note. */
function refusedOperations(ids: { noteId: number; appointmentId: number; patientId: number }): [string, INodeParameters][] {
	const byId = { noteId: String(ids.noteId) };
	return [
		['update', note('update', { ...byId, updateFields: { plan: 'Changed after signing.' } })],
		['update (codes only)', note('update', { ...byId, updateFields: { diagnoses: 'F43.10', serviceCode: '90837' } })],
		['delete', note('delete', byId)],
		['sign again', note('sign', byId)],
		['submit for approval', note('submitForApproval', byId)],
		['approve as supervisor', note('approve', byId)],
		['create for its appointment', note('create', { patientId: { __rl: true, mode: 'id', value: String(ids.patientId) }, appointmentId: String(ids.appointmentId), noteText: { plan: 'A second note.' } })],
	];
}

const NOTE_WRITE_HANDLERS = ['notes/save', 'notes/delete', 'notes/sign', 'notes/submit', 'notes/cosign'];

async function noteWrites(env: ChaosEnv): Promise<number> {
	const requests = (await sandboxStats(env.sandbox)).requests as Record<string, number>;
	return NOTE_WRITE_HANDLERS.reduce((sum, handler) => sum + (requests[handler] ?? 0), 0);
}

const fileItem: INodeExecutionData[] = [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 synthetic').toString('base64'), mimeType: 'application/pdf', fileName: 'scan.pdf' } } }];

export async function runSignedNotes(): Promise<SignedNotesResult> {
	const env = await startChaosEnv(5);
	try {
		const ids = await signedNote(env);
		const [before] = await recordsOf(env.sandbox, 'notes', `id=${ids.noteId}`);
		const since = (await auditEntries(env.sandbox)).length;
		const attempts: SignedNoteAttempt[] = [];
		for (const [operation, parameters] of refusedOperations(ids)) {
			const sentBefore = await noteWrites(env);
			const result = await env.n8n.runNode({ parameters, credential: env.credential, continueOnFail: true });
			const error = result.items[0]?.json.error === undefined ? (result.error?.message ?? null) : String(result.items[0].json.error);
			attempts.push({ operation, error, offersAddendum: error !== null && /addendum/i.test(error), writesSent: (await noteWrites(env)) - sentBefore });
		}
		const [after] = await recordsOf(env.sandbox, 'notes', `id=${ids.noteId}`);
		const touched = (await auditEntries(env.sandbox, since)).filter((e) => e.kind === 'note' && Number(e.id) === ids.noteId);
		const changes = touched.length + (JSON.stringify(after) === JSON.stringify(before) ? 0 : 1);
		const addendum = await env.n8n.runNode({ parameters: note('addAddendum', { noteId: String(ids.noteId), text: 'Fact learned later.' }), credential: env.credential });
		const attach = await env.n8n.runNode({ parameters: note('attachFile', { noteId: String(ids.noteId) }), credential: env.credential, inputItems: fileItem });
		return { attempts, changes, addendumAdded: addendum.items[0]?.json.addendaCount === 1, attachAllowed: attach.items[0]?.json.fileName === 'scan.pdf' };
	} finally {
		await env.close();
	}
}
