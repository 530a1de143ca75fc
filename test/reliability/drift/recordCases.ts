import { addDays, addMinutes } from '../../../sandbox/util/dates';
import { locator, type NodeRun, type World } from './world';

/**
 * One way to run an operation of the node successfully. `prepare` is called before every run
 * (the clean one and each drifted one), so writes always get a fresh record to work on.
 */
export interface OperationCase {
	resource: string;
	operation: string;
	/** Tells apart two cases of one operation that read different portal handlers. */
	variant?: string;
	prepare(world: World): Promise<NodeRun>;
}

const op = (resource: string, operation: string, prepare: OperationCase['prepare'], variant?: string): OperationCase => ({ resource, operation, prepare, variant });
const params = (resource: string, operation: string, rest: Record<string, unknown> = {}) => ({ resource, operation, ...rest }) as NodeRun['parameters'];
const newcomer = { firstName: 'Synthetic', lastName: 'Drifter', dateOfBirth: '1990-01-02T00:00:00' };

const PATIENT: OperationCase[] = [
	op('patient', 'search', async (w) => ({ parameters: params('patient', 'search', { query: w.patients()[0].lastName }) })),
	op('patient', 'getMany', async () => ({ parameters: params('patient', 'getMany', { returnAll: false, limit: 5, filters: { status: 'any' } }) })),
	op('patient', 'get', async (w) => ({ parameters: params('patient', 'get', { patientId: locator(w.patients()[1].id) }) })),
	op('patient', 'create', async () => ({ parameters: params('patient', 'create', newcomer) })),
	op('patient', 'update', async (w) => ({ parameters: params('patient', 'update', { patientId: locator((await w.newPatient()).id), updateFields: { phone: '555-0199' } }) })),
	op('patient', 'upsert', async (w) => ({ parameters: params('patient', 'upsert', { externalId: `DRIFT-${w.next()}`, ...newcomer }) })),
	op('patient', 'getPolicies', async (w) => ({ parameters: params('patient', 'getPolicies', { patientId: locator(w.patientWithPolicy().id) }) })),
	op('patient', 'setPolicy', async (w) => ({
		parameters: params('patient', 'setPolicy', { patientId: locator((await w.newPatient()).id), priority: 'primary', payerId: 2, memberId: 'M-1', additionalFields: { copayCents: 2500 } }),
	})),
	op('patient', 'getPortalStatus', async (w) => ({ parameters: params('patient', 'getPortalStatus', { patientId: locator(w.patients()[2].id) }) })),
];

const appointmentCreate = (w: World) => params('appointment', 'create', {
	type: 'therapySession',
	patientId: locator(w.patients()[0].id),
	clinicianId: 1,
	start: `${addDays(w.today(), 7 + (w.next() % 20))}T${String(6 + (w.next() % 12)).padStart(2, '0')}:${String(w.next() % 60).padStart(2, '0')}:00`,
	durationMinutes: 50,
	serviceCode: '90834',
});

async function newAppointment(w: World, extra: Record<string, unknown> = {}): Promise<number> {
	const made = await w.act('appointment-create', { patientId: w.patients()[0].id, clinicianId: 1, start: `${addDays(w.today(), -2)}T07:${String(w.next() % 60).padStart(2, '0')}`, ...extra });
	return made.id as number;
}

const APPOINTMENT: OperationCase[] = [
	op('appointment', 'getMany', async (w) => ({ parameters: params('appointment', 'getMany', { from: addDays(w.today(), -3), to: addDays(w.today(), 3), returnAll: true }) }), 'by date range'),
	op('appointment', 'getMany', async (w) => ({ parameters: params('appointment', 'getMany', { listBy: 'patient', patientId: locator(w.patients()[2].id), returnAll: true }) }), 'by patient'),
	op('appointment', 'get', async (w) => ({ parameters: params('appointment', 'get', { appointmentId: locator([...w.store.appointments.keys()][4]) }) })),
	op('appointment', 'create', async (w) => ({ parameters: appointmentCreate(w) })),
	op('appointment', 'update', async (w) => ({ parameters: params('appointment', 'update', { appointmentId: locator(await newAppointment(w)), updateFields: { durationMinutes: 30 } }) })),
	op('appointment', 'setStatus', async (w) => ({ parameters: params('appointment', 'setStatus', { appointmentId: locator(await newAppointment(w)), status: 'missed', chargeFee: true }) })),
	op('appointment', 'getTelehealthLink', async (w) => {
		const id = await newAppointment(w, { start: addMinutes(w.sandbox.state.nowIso(), 45 + (w.next() % 60)), telehealth: true });
		return { parameters: params('appointment', 'getTelehealthLink', { appointmentId: locator(id) }) };
	}),
];

const noteId = (id: unknown) => String(id);

const NOTE: OperationCase[] = [
	op('note', 'getMany', async (w) => ({ parameters: params('note', 'getMany', { patientId: locator(w.signedNote().patientId), limit: 5 }) })),
	op('note', 'getMany', async (w) => ({ parameters: params('note', 'getMany', { patientId: locator(w.psychotherapyNote().patientId), includePsychotherapy: true, returnAll: true }) }), 'with psychotherapy notes'),
	op('note', 'get', async (w) => ({ parameters: params('note', 'get', { noteId: noteId(w.signedNote().id) }) })),
	op('note', 'create', async (w) => {
		const session = await w.completedSession(1);
		return {
			parameters: params('note', 'create', {
				patientId: locator(session.patientId),
				appointmentId: String(session.appointmentId),
				noteText: { subjective: 'Synthetic subjective.', plan: 'Synthetic plan.' },
				additionalFields: { diagnoses: 'F41.1', serviceCode: '90834' },
			}),
		};
	}),
	op('note', 'update', async (w) => ({ parameters: params('note', 'update', { noteId: noteId((await w.draftNote()).id), updateFields: { plan: 'New plan.' } }) })),
	op('note', 'sign', async (w) => ({ parameters: params('note', 'sign', { noteId: noteId((await w.draftNote()).id) }) })),
	op('note', 'submitForApproval', async (w) => ({ parameters: params('note', 'submitForApproval', { noteId: noteId((await w.draftNote(3)).id) }), as: 'supervised' })),
	op('note', 'approve', async (w) => {
		const draft = await w.draftNote(3);
		await w.act('note-sign', { noteId: draft.id });
		return { parameters: params('note', 'approve', { noteId: noteId(draft.id) }) };
	}),
	op('note', 'addAddendum', async (w) => ({ parameters: params('note', 'addAddendum', { noteId: noteId((await w.signedOwnNote()).id), text: 'Later fact.' }) })),
	op('note', 'delete', async (w) => ({ parameters: params('note', 'delete', { noteId: noteId((await w.draftNote()).id) }) })),
	op('note', 'attachFile', async (w) => ({
		parameters: params('note', 'attachFile', { noteId: noteId((await w.draftNote()).id) }),
		inputItems: [{ json: {}, binary: { data: { data: Buffer.from('%PDF-1.4 synthetic').toString('base64'), mimeType: 'application/pdf', fileName: 'consent.pdf' } } }],
	})),
];

export const RECORD_CASES: OperationCase[] = [...PATIENT, ...APPOINTMENT, ...NOTE];
