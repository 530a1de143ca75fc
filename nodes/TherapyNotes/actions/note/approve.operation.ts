import { noteActionOperation } from './fields';

/** The supervisor approves and co-signs a note awaiting approval. */
export const { description, execute } = noteActionOperation('approve', (client, noteId, options) => client.notes.approve(noteId, options));
