import type { NoteSummary } from '../../../lib/client';
import { fullySignedAt, noteListSpec, noteSignedEvents } from '../../../lib/client/events/noteChanges';
import { recentlySignedNotes } from '../../../lib/client/events/recentLists';
import { recentEvent } from './recent';

/**
 * Note Signed: one request when idle (signed notes, most recently fully signed first). A
 * supervised clinician's note fires when the supervisor co-signs, not when it is submitted.
 */
export const noteSigned = recentEvent({
	event: 'noteSigned',
	kind: 'note.signed',
	list: noteListSpec,
	read: recentlySignedNotes,
	events: noteSignedEvents,
	matches: (n: NoteSummary, params) => params.clinicianId === null || n.clinicianId === params.clinicianId,
	sampleable: (n) => fullySignedAt(n) !== null,
	fields: (n) => ({
		noteId: n.id,
		encryptedId: n.encryptedId,
		noteType: n.noteType,
		status: n.status,
		patientId: n.patientId,
		appointmentId: n.appointmentId,
		clinicianId: n.clinicianId,
		dateOfService: n.dateOfService,
		signedAt: fullySignedAt(n),
		signerId: n.signerId,
		clinicianSignedAt: n.signedAt,
		supervisorId: n.supervisorId,
		coSigned: n.supervisorApproved,
		serviceCode: n.serviceCode,
		billable: n.billable,
	}),
});
