import type { RunningSandbox } from '../../sandbox/server';
import type { FakeStripe } from './fakes/stripe';
import { getJson, postJson } from './lib/proc';
import { check } from './lib/report';

/**
 * The clients of the copay check, each with a session today, a draft note for it and a card saved
 * in the fake Stripe as a practice would (a Customer with `metadata[tn_patient_id]` and a default
 * payment method). Their notes are signed later, after the trigger's silent baseline.
 */

export type Row = Record<string, unknown>;

export type CaseName = 'insured' | 'selfPay' | 'declinedThenNewCard' | 'authRequired' | 'paysByLink';

export interface CopayCase {
	name: CaseName;
	patientId: number;
	patient: Row;
	appointmentId: number;
	noteId: number;
	customerId: string;
	expectedCents: number;
}

const today = () => new Date().toISOString().slice(0, 10);

const CARDS: Record<CaseName, string> = {
	insured: 'pm_card_visa',
	selfPay: 'pm_card_visa',
	declinedThenNewCard: 'pm_card_chargeDeclined',
	authRequired: 'pm_card_authenticationRequired',
	paysByLink: 'pm_card_chargeDeclined',
};

export async function stripeCall<T = Row>(stripe: FakeStripe, path: string, form?: Record<string, string>): Promise<T> {
	const init: RequestInit = { headers: { Authorization: `Bearer ${stripe.apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded' } };
	if (form) Object.assign(init, { method: 'POST', body: new URLSearchParams(form) });
	return getJson<T>(`${stripe.url}${path}`, init);
}

/** A seeded active patient whose primary policy is in force today with a copay of at least $0.50. */
async function insuredPatient(sandbox: RunningSandbox): Promise<{ patientId: number; copayCents: number }> {
	const { rows } = await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/policies?priority=1`);
	const day = today();
	for (const policy of rows) {
		const inForce = String(policy.startDate) <= day && (policy.endDate === null || String(policy.endDate) >= day);
		if (!inForce || Number(policy.copayCents) < 50) continue;
		const patients = await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/patients?id=${String(policy.patientId)}&status=active`);
		if (patients.rows.length === 1) return { patientId: Number(policy.patientId), copayCents: Number(policy.copayCents) };
	}
	throw new Error('the sandbox has no active patient with a primary policy and a copay');
}

const patientRow = async (sandbox: RunningSandbox, id: number) => (await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/patients?id=${id}`)).rows[0];

/** A session today marked Show, and the clinician's draft progress note for it. */
async function sessionWithDraftNote(sandbox: RunningSandbox, patientId: number, hour: number): Promise<{ appointmentId: number; noteId: number }> {
	const start = `${today()}T${String(hour).padStart(2, '0')}:00`;
	const appointment = await postJson<{ id: number }>(`${sandbox.url}/__sandbox/act/appointment-create`, { patientId, start, durationMinutes: 45 });
	await postJson(`${sandbox.url}/__sandbox/act/appointment-status`, { appointmentId: appointment.id, status: 1 });
	const note = await postJson<{ id: number; status: string }>(`${sandbox.url}/__sandbox/act/note-create`, { appointmentId: appointment.id });
	check(note.status === 'draft', `note for appointment ${appointment.id} is ${note.status}, not a draft`);
	return { appointmentId: appointment.id, noteId: note.id };
}

async function makeCase(sandbox: RunningSandbox, stripe: FakeStripe, name: CaseName, hour: number): Promise<CopayCase> {
	const insured = name === 'insured' ? await insuredPatient(sandbox) : undefined;
	const patientId = insured?.patientId ?? (await postJson<{ id: number }>(`${sandbox.url}/__sandbox/act/patient-create`, {})).id;
	const patient = await patientRow(sandbox, patientId);
	const { appointmentId, noteId } = await sessionWithDraftNote(sandbox, patientId, hour);
	const card = CARDS[name];
	const customer = await stripeCall<{ id: string }>(stripe, '/v1/customers', { 'metadata[tn_patient_id]': String(patientId), payment_method: card, 'invoice_settings[default_payment_method]': card });
	return { name, patientId, patient, appointmentId, noteId, customerId: customer.id, expectedCents: insured?.copayCents ?? Number(patient.sessionFeeCents) };
}

export async function makeCopayCases(sandbox: RunningSandbox, stripe: FakeStripe): Promise<CopayCase[]> {
	const names: CaseName[] = ['insured', 'selfPay', 'declinedThenNewCard', 'authRequired', 'paysByLink'];
	const cases: CopayCase[] = [];
	for (const [i, name] of names.entries()) cases.push(await makeCase(sandbox, stripe, name, 7 + i));
	return cases;
}

/** The note's clinician signs; a supervised clinician's note is then co-signed, as the UI would do it. */
export async function signNote(sandbox: RunningSandbox, noteId: number): Promise<void> {
	const signed = await postJson<{ status: string }>(`${sandbox.url}/__sandbox/act/note-sign`, { noteId });
	if (signed.status === 'awaiting-supervisor') await postJson(`${sandbox.url}/__sandbox/act/note-cosign`, { noteId });
}
