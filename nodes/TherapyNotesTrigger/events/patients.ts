import type { PatientListRow } from '../../../lib/client';
import { patientCreatedEvents, patientListSpec } from '../../../lib/client/events/patientChanges';
import { newestPatients } from '../../../lib/client/events/recentLists';
import { recentEvent } from './recent';

/** Patient Created: one request when idle (the patient list, newest id first). */
export const patientCreated = recentEvent({
	event: 'patientCreated',
	kind: 'patient.created',
	list: patientListSpec,
	read: newestPatients,
	events: patientCreatedEvents,
	matches: (p: PatientListRow, params) => params.clinicianId === null || p.assignedClinicianIds.includes(params.clinicianId),
	fields: (p, _change, params) => ({
		patientId: p.id,
		encryptedId: p.encryptedId,
		assignedClinicianIds: p.assignedClinicianIds,
		...(params.includeContactDetails ? { firstName: p.firstName, middleName: p.middleName, lastName: p.lastName } : {}),
	}),
});
