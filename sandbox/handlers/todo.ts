import type { HandlerArgs, PortalHandler } from '../http/routes';
import type { RecordKind } from '../data/store';
import type { Claim, Note, User } from '../data/types';
import { NOTE_TYPES } from '../data/types';
import type { SandboxState } from '../state';
import { ok } from './common';

/**
 * The To-Do list, computed from the store on every read. Its item kinds are confirmed
 * (PORTAL.md); the handler, field names and the rule that every kind is listed even at 0 are
 * assumed. Psychotherapy notes never appear: they are not part of the record.
 */

export interface TodoItem {
	type: string;
	title: string;
	recordKind: RecordKind;
	ids: number[];
	encryptedIds: string[];
}

const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id;

function noteItem(type: string, title: string, notes: Note[]): TodoItem {
	const sorted = notes.filter((n) => n.noteType !== NOTE_TYPES.PsychotherapyNote).sort(byId);
	return { type, title, recordKind: 'note', ids: sorted.map((n) => n.id), encryptedIds: sorted.map((n) => n.encryptedId) };
}

function claimItem(type: string, title: string, claims: Claim[]): TodoItem {
	const sorted = claims.sort(byId);
	return { type, title, recordKind: 'claim', ids: sorted.map((c) => c.id), encryptedIds: sorted.map((c) => c.encryptedId) };
}

export function todoItems(state: SandboxState, user: User): TodoItem[] {
	const store = state.store;
	const notes = [...store.notes.values()];
	const claims = [...store.claims.values()];
	const supervisedIds = new Set(store.users.filter((u) => u.supervisorId === user.id).map((u) => u.id));
	const eras = [...store.eras.values()].filter((e) => e.status === 'Unprocessed').sort(byId);
	return [
		noteItem('IncompleteNotes', 'Incomplete notes', notes.filter((n) => n.clinicianId === user.id && n.status === 'draft')),
		noteItem('NotesAwaitingApproval', 'Notes awaiting your approval', notes.filter((n) => n.status === 'awaiting-supervisor' && supervisedIds.has(n.clinicianId))),
		claimItem('SubmitElectronicClaims', 'Submit Electronic Claims', claims.filter((c) => c.status === 'Created')),
		claimItem('ReviewClaimRejections', 'Review electronic claim rejections', claims.filter((c) => c.status === 'Rejected' || c.status === 'PendingResubmit')),
		{ type: 'ProcessERAs', title: 'Process ERAs', recordKind: 'era', ids: eras.map((e) => e.id), encryptedIds: eras.map((e) => e.encryptedId) },
	];
}

function loadTodoList({ state, user }: HandlerArgs) {
	return ok({
		UserID: user.id,
		Items: todoItems(state, user).map((item) => ({ Type: item.type, Title: item.title, Count: item.ids.length, RecordKind: item.recordKind, IDs: item.ids, EncryptedIDs: item.encryptedIds })),
	});
}

export const TODO_HANDLERS: PortalHandler[] = [
	{
		name: 'todo/list',
		path: '/app/todo/loadtodolist.aspx',
		msg: 2,
		provenance: 'assumed',
		fields: '— (the logged-in user)',
		answer: '`Items[]`: Type (IncompleteNotes, NotesAwaitingApproval, SubmitElectronicClaims, ReviewClaimRejections, ProcessERAs), Title, Count, RecordKind, IDs[], EncryptedIDs[]; every type listed, even at 0',
		handle: loadTodoList,
	},
];
