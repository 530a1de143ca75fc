import { noteActionOperation } from './fields';

/** A supervised clinician's draft goes to the supervisor (locked while it waits). */
export const { description, execute } = noteActionOperation('submitForApproval', (client, noteId, options) => client.notes.submitForApproval(noteId, options));
