import type { RunningSandbox } from '../../sandbox/server';
import type { Appointment } from '../../sandbox/data/types';
import { admin, sandboxDay } from './sandbox';

export interface SessionOptions {
	insured?: boolean;
	signed?: boolean;
	telehealth?: boolean;
}

const minutes = new WeakMap<RunningSandbox, number>();

/**
 * A completed session two days ago, made through the admin API: marked Show, with the demo
 * clinician's progress note (signed unless asked otherwise), for a patient with diagnoses on file
 * who is insured on that day or has no policy at all. Tests make what they bill instead of counting on the seed,
 * whose mix of unbilled sessions changes with the day it is seeded for.
 */
export async function completedSession(sandbox: RunningSandbox, options: SessionOptions = {}): Promise<Appointment> {
	const { insured = true, signed = true, telehealth = false } = options;
	const store = sandbox.state.store;
	const day = sandboxDay(sandbox, -2);
	const diagnosed = new Set([...store.notes.values()].filter((n) => n.diagnoses.length > 0).map((n) => n.patientId));
	const inForce = (patientId: number) => store.policiesOf(patientId).some((p) => p.startDate <= day && (p.endDate === null || p.endDate >= day));
	const patient = [...store.patients.values()].find((p) => diagnosed.has(p.id) && (insured ? inForce(p.id) : store.policiesOf(p.id).length === 0));
	if (!patient) throw new Error(`fixture: no diagnosed ${insured ? 'insured' : 'self-pay'} patient in the seed`);
	// Before the seeded day's first slot (09:00), one minute apart, so no two sessions collide.
	const minute = minutes.get(sandbox) ?? 0;
	minutes.set(sandbox, minute + 1);
	const start = `${day}T0${7 + (Math.floor(minute / 60) % 2)}:${String(minute % 60).padStart(2, '0')}`;
	const made = await admin(sandbox, 'POST', 'act/appointment-create', { patientId: patient.id, clinicianId: 1, start, telehealth });
	await admin(sandbox, 'POST', 'act/appointment-status', { appointmentId: made.id, status: 1 });
	await admin(sandbox, 'POST', 'act/note-create', { appointmentId: made.id, sign: signed });
	return store.appointments.get(made.id)!;
}

/** Ids of at least `count` claims in `status` (Created or Submitted), making new ones when the seed has fewer. */
export async function claimsIn(sandbox: RunningSandbox, status: 'Created' | 'Submitted', count: number): Promise<number[]> {
	const found = () =>
		[...sandbox.state.store.claims.values()]
			.filter((c) => c.status === status)
			.map((c) => c.id)
			.sort((a, b) => a - b);
	for (let missing = count - found().length; missing > 0; missing--) {
		const appointment = await completedSession(sandbox);
		await admin(sandbox, 'POST', 'act/claim-create', { appointmentId: appointment.id, submit: status === 'Submitted' });
	}
	return found();
}

export const submittedClaims = (sandbox: RunningSandbox, count: number) => claimsIn(sandbox, 'Submitted', count);
