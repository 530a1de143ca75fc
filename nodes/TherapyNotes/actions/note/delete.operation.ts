import { noteActionOperation } from './fields';

/** Deletes an unsigned draft; a signed or awaiting-supervisor note is refused before anything is sent. */
export const { description, execute } = noteActionOperation('delete', (client, noteId, options) => client.notes.delete(noteId, options));
