import { noteActionOperation } from './fields';

/** Signs and locks; a supervised clinician's note answers status 'awaitingSupervisor'. */
export const { description, execute } = noteActionOperation('sign', (client, noteId, options) => client.notes.sign(noteId, options));
