import type { IDataObject, INodeCredentialsDetails, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import type { Appointment, Claim, Era, Note, Patient } from '../../../sandbox/data/types';
import { addDays } from '../../../sandbox/util/dates';
import type { N8nHarness, RunNodeResult } from '../../helpers/n8n';
import { admin } from '../../helpers/sandbox';
import { sandboxCredential } from '../../integration/node/fixtures';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- admin answers are free-form test data

/** What one run of the node under test needs: its parameters, its input items, whose login. */
export interface NodeRun {
	parameters: INodeParameters;
	inputItems?: INodeExecutionData[];
	as?: 'demo' | 'supervised';
}

/**
 * The sandbox, one n8n instance and two logins (the demo clinician, who supervises, and a
 * clinician he supervises), plus the small "what a person does in the UI" steps the cases use to
 * get a fresh record for every run, so a write that committed under drift never spoils the next.
 */
export class World {
	private counter = 0;

	constructor(
		readonly sandbox: RunningSandbox,
		readonly n8n: N8nHarness,
		readonly demo: INodeCredentialsDetails,
		readonly supervised: INodeCredentialsDetails,
	) {}

	static async create(sandbox: RunningSandbox, n8n: N8nHarness): Promise<World> {
		const who = sandbox.state.demo;
		const demo = await n8n.addCredential(sandboxCredential(sandbox, { username: who.username, totpSecret: who.totpSecret }), 'Demo clinician');
		const supervised = await n8n.addCredential(sandboxCredential(sandbox, { username: who.supervisedUsername }), 'Supervised clinician');
		return new World(sandbox, n8n, demo, supervised);
	}

	run(run: NodeRun, continueOnFail = false): Promise<RunNodeResult> {
		const credential = run.as === 'supervised' ? this.supervised : this.demo;
		return this.n8n.runNode({ parameters: run.parameters, credential, inputItems: run.inputItems, continueOnFail });
	}

	/** A number never used before in this file: unique references, external IDs, times. */
	next(): number {
		return ++this.counter;
	}

	get store() {
		return this.sandbox.state.store;
	}

	today(): string {
		return this.sandbox.state.nowIso().slice(0, 10);
	}

	act(action: string, body: IDataObject): Promise<Row> {
		return admin(this.sandbox, 'POST', `act/${action}`, body);
	}

	patients(): Patient[] {
		return [...this.store.patients.values()];
	}

	patientWithPolicy(): Patient {
		return this.patients().find((p) => this.store.policiesOf(p.id).length >= 1)!;
	}

	claim(status: Claim['status'], nth = 0): Claim {
		return [...this.store.claims.values()].filter((c) => c.status === status)[nth];
	}

	/** Generated ERAs (the sandbox writes their 835) that pay two claims or more, oldest first. */
	eras(): Era[] {
		return [...this.store.eras.values()].filter((e) => e.uploadedText === null && e.claimPayments.length >= 2).sort((a, b) => a.id - b.id);
	}

	unprocessedEra(): Era {
		return this.eras().find((e) => e.status !== 'Processed')!;
	}

	signedNote(): Note {
		return [...this.store.notes.values()].find((n) => n.status === 'signed' && n.noteType === 4 && n.clinicianId === 1)!;
	}

	psychotherapyNote(): Note {
		return [...this.store.notes.values()].find((n) => n.noteType === 8)!;
	}

	/** A completed session (status Show) of a patient of the clinician, on its own past slot. */
	async completedSession(clinicianId = 1, patientId?: number): Promise<{ appointmentId: number; patientId: number }> {
		const chosen = patientId ?? (this.patients().find((p) => p.assignedClinicianIds[0] === clinicianId) ?? this.patients()[0]).id;
		const start = `${addDays(this.today(), -1 - (this.next() % 20))}T${String(6 + (this.next() % 12)).padStart(2, '0')}:${String(this.next() % 60).padStart(2, '0')}`;
		const made = await this.act('appointment-create', { patientId: chosen, clinicianId, start });
		await this.act('appointment-status', { appointmentId: made.id, status: 1 });
		return { appointmentId: made.id, patientId: chosen };
	}

	/** A draft progress note written in the UI by the clinician (3 is supervised by 1). */
	async draftNote(clinicianId = 1): Promise<Row> {
		const session = await this.completedSession(clinicianId);
		return await this.act('note-create', { appointmentId: session.appointmentId });
	}

	async signedOwnNote(): Promise<Row> {
		const session = await this.completedSession(1);
		return await this.act('note-create', { appointmentId: session.appointmentId, sign: true });
	}

	/** A session that can be billed: completed, note signed, patient insured on that day. */
	async billableAppointment(): Promise<Appointment> {
		const insured = this.patients().find((p) => this.store.policiesOf(p.id).some((policy) => policy.startDate <= addDays(this.today(), -30) && (!policy.endDate || policy.endDate >= this.today())))!;
		const session = await this.completedSession(insured.assignedClinicianIds[0], insured.id);
		const note = await this.act('note-create', { appointmentId: session.appointmentId, sign: true });
		if (note.status !== 'signed') await this.act('note-cosign', { noteId: note.id });
		return this.store.appointments.get(session.appointmentId)!;
	}

	async newPatient(): Promise<Row> {
		return await this.act('patient-create', {});
	}
}

export const locator = (value: number | string) => ({ __rl: true, mode: typeof value === 'number' ? 'id' : 'encryptedId', value: String(value) });
