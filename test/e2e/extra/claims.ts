import { getJson } from '../lib/proc';
import { check, say, stepOk } from '../lib/report';
import { act, dayOffset, executeOk, insuredClient, records, requestCount, sandboxNow, signedSession, type ExtraContext, type Row } from './context';

/**
 * examples/claims-submit.json run twice with `n8n execute --id`: each signed session of an insured
 * client gets exactly one claim, submitted; a self-pay session gets none and raises no alert; the
 * second run creates and submits nothing. The sandbox's audit log says which claims each run made.
 */

export const CLAIMS_SUBMIT_ID = 'tnRecipeClaimSub';

export interface ClaimsFixture {
	insuredAppointments: number[];
	selfPayAppointment: number;
	/** Filled by the first run: the fixture's claims, by appointment. */
	claimIds: number[];
}

interface AuditEntry {
	action: string;
	kind: string;
	id: number;
	by: string;
}

/** An insured client whose primary policy's payer takes claims, with two signed sessions this week, and a new self-pay client with one. */
export async function makeClaimsFixture(ctx: ExtraContext): Promise<ClaimsFixture> {
	const today = (await sandboxNow(ctx)).slice(0, 10);
	const { patientId, unsupervisedClinicianId } = insuredClient(ctx, today);
	const insuredAppointments = [];
	for (const daysAgo of [2, 1]) insuredAppointments.push(await signedSession(ctx, patientId, dayOffset(today, -daysAgo)));
	const selfPay = await act<{ id: number }>(ctx, 'patient-create', { clinicianId: unsupervisedClinicianId });
	const selfPayAppointment = await signedSession(ctx, selfPay.id, dayOffset(today, -1));
	return { insuredAppointments, selfPayAppointment, claimIds: [] };
}

const audit = async (ctx: ExtraContext, since: number) => (await getJson<{ entries: AuditEntry[] }>(`${ctx.sandbox.url}/__sandbox/audit?since=${since}`)).entries;
const auditLength = async (ctx: ExtraContext) => (await audit(ctx, 0)).length;

const claimsOf = async (ctx: ExtraContext, appointmentId: number) => records(ctx, 'claims', { appointmentId });

async function firstRun(ctx: ExtraContext, f: ClaimsFixture): Promise<void> {
	const since = await auditLength(ctx);
	const mailsBefore = ctx.smtp.messages().length;
	await executeOk(ctx, CLAIMS_SUBMIT_ID);
	const entries = await audit(ctx, since);
	const created = entries.filter((e) => e.kind === 'claim' && e.action === 'create' && e.by === 'portal').map((e) => e.id);
	const createdClaims: Row[] = (await records(ctx, 'claims', { limit: 1_000_000 })).filter((c) => created.includes(Number(c.id)));
	const perAppointment = new Map<number, number>();
	for (const claim of createdClaims) perAppointment.set(Number(claim.appointmentId), (perAppointment.get(Number(claim.appointmentId)) ?? 0) + 1);
	check([...perAppointment.values()].every((n) => n === 1), `a session got two claims in one run: ${JSON.stringify([...perAppointment])}`);
	for (const appointmentId of f.insuredAppointments) {
		const claims = await claimsOf(ctx, appointmentId);
		check(claims.length === 1 && claims[0].status === 'Submitted', `appointment ${appointmentId}: ${JSON.stringify(claims.map((c) => [c.id, c.status]))}, expected one Submitted claim`);
		f.claimIds.push(Number(claims[0].id));
	}
	check((await claimsOf(ctx, f.selfPayAppointment)).length === 0, `the self-pay session got a claim`);
	const notCreated = ctx.smtp.messages().slice(mailsBefore).filter((m) => m.subject.startsWith('Claims not created'));
	check(notCreated.every((m) => !f.insuredAppointments.concat(f.selfPayAppointment).some((id) => m.data.includes(`appointment ${id} `))), 'a fixture session is in a "Claims not created" alert');
	const submitted = createdClaims.filter((c) => c.status === 'Submitted').length;
	say(`  run 1: ${created.length} claims created (${submitted} submitted), fixture claims ${f.claimIds.join(', ')}; ${notCreated.length} "not created" alert(s)`);
	check(created.length >= f.insuredAppointments.length && submitted === created.length, `${created.length} created, ${submitted} of them submitted`);
}

async function secondRun(ctx: ExtraContext, f: ClaimsFixture): Promise<void> {
	const since = await auditLength(ctx);
	const submitsBefore = await requestCount(ctx, 'claims/submit');
	await executeOk(ctx, CLAIMS_SUBMIT_ID);
	const changes = (await audit(ctx, since)).filter((e) => e.kind === 'claim');
	check(changes.length === 0, `the second run changed claims: ${JSON.stringify(changes.slice(0, 5))}`);
	check((await requestCount(ctx, 'claims/submit')) === submitsBefore, 'the second run submitted claims');
	for (const appointmentId of f.insuredAppointments) check((await claimsOf(ctx, appointmentId)).length === 1, `appointment ${appointmentId} has more than one claim`);
}

export async function runClaimsSubmitChecks(ctx: ExtraContext, f: ClaimsFixture): Promise<boolean> {
	const first = await stepOk('(x2) claims: run 1 creates one claim per signed insured session and submits it; self-pay gets none', () => firstRun(ctx, f));
	if (!first) return false;
	return stepOk('(x2) claims: run 2 creates and submits nothing', () => secondRun(ctx, f));
}
