import type { PatientListRow } from '../schemas/patient';
import { createdEvents } from './recordChanges';
import type { RecentListSpec } from './recentScan';

/** Patient Created: patients by id, newest first; a new id is a new patient */

export const patientListSpec: RecentListSpec<PatientListRow> = { idOf: (p) => p.id, printOf: () => 0, keyOf: (p) => p.id, keysUnique: true };
export const patientCreatedEvents = createdEvents<PatientListRow>('patient.created', (p) => p.id);
