import type { RunningSandbox } from '../../../sandbox/server';
import type { FakeStripe } from '../fakes/stripe';
import type { SmtpCapture } from '../fakes/smtp';
import { execute, tail, type ExecutionResult, type N8nFolder } from '../lib/n8n';
import { getJson, postJson } from '../lib/proc';
import { check } from '../lib/report';
import { loadExample } from '../recipe';

/** What the extra recipe checks share: the n8n folder with our package, the sandbox and the fakes. */

export type Row = Record<string, unknown>;

export interface ExtraContext {
	folder: N8nFolder;
	sandbox: RunningSandbox;
	stripe: FakeStripe;
	smtp: SmtpCapture;
}

/**
 * An example as this folder can load it: Stripe's base URL pointed at the fake, and the node types
 * of the community package turned into `CUSTOM.*` when the folder loads dist/ as custom extensions.
 */
export function recipeFor(ctx: ExtraContext, file: string): Record<string, unknown> {
	const workflow = loadExample(file, ctx.stripe.url);
	if (!ctx.folder.env.N8N_CUSTOM_EXTENSIONS) return workflow;
	return JSON.parse(JSON.stringify(workflow).split('"n8n-nodes-therapynotes.').join('"CUSTOM.')) as Record<string, unknown>;
}

export const act = <T = Row>(ctx: ExtraContext, action: string, body: Row) => postJson<T>(`${ctx.sandbox.url}/__sandbox/act/${action}`, body);

/** Raw sandbox records; all of them unless `filter.limit` says otherwise (the admin API's default is 1,000). */
export async function records(ctx: ExtraContext, kind: string, filter: Record<string, string | number> = {}): Promise<Row[]> {
	const query = new URLSearchParams(Object.entries({ limit: 1_000_000, ...filter }).map(([k, v]): [string, string] => [k, String(v)]));
	return (await getJson<{ rows: Row[] }>(`${ctx.sandbox.url}/__sandbox/records/${kind}?${query}`)).rows;
}

/** The sandbox's practice-local date and time, `YYYY-MM-DDTHH:mm`. */
export const sandboxNow = async (ctx: ExtraContext) => String((await getJson<{ now: string }>(`${ctx.sandbox.url}/__sandbox/stats`)).now);

export const advanceDays = (ctx: ExtraContext, days: number) => postJson(`${ctx.sandbox.url}/__sandbox/clock`, { advanceMinutes: days * 24 * 60 });

export const requestCount = async (ctx: ExtraContext, handler: string) =>
	(await getJson<{ requests: Record<string, number> }>(`${ctx.sandbox.url}/__sandbox/stats`)).requests[handler] ?? 0;

export function dayOffset(isoDay: string, days: number): string {
	const date = new Date(`${isoDay.slice(0, 10)}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** `n8n execute --id`, which must end in success. */
export async function executeOk(ctx: ExtraContext, workflowId: string): Promise<ExecutionResult> {
	const { code, result, output } = await execute(ctx.folder, workflowId);
	check(result, `execute printed no JSON (exit ${code}): ${tail(output)}`);
	check(code === 0 && result.status === 'success', `execution ${result.status} (exit ${code}): ${result.error?.message ?? ''} ${tail(output, 900)}`);
	return result;
}

/** A completed session with a signed progress note, on `day`. */
export async function signedSession(ctx: ExtraContext, patientId: number, day: string): Promise<number> {
	const appointment = await act<{ id: number }>(ctx, 'appointment-create', { patientId, start: `${day}T09:00`, serviceCode: '90834' });
	await act(ctx, 'appointment-status', { appointmentId: appointment.id, status: 1 });
	const note = await act<{ wireStatus: string }>(ctx, 'note-create', { appointmentId: appointment.id, sign: true });
	check(note.wireStatus === 'Signed', `fixture note for appointment ${appointment.id} is ${note.wireStatus}, not Signed (supervised clinician?)`);
	return appointment.id;
}

/** A client with an open primary policy (so sessions are billable to insurance) whose clinician needs no co-signature. */
export function insuredClient(ctx: ExtraContext, today: string): { patientId: number; unsupervisedClinicianId: number } {
	const { store } = ctx.sandbox.state;
	const unsupervised = new Set(store.users.filter((u) => u.isClinician && u.supervisorId === null).map((u) => u.id));
	const primary = [...store.policies.values()].find(
		(p) => p.priority === 1 && p.endDate === null && p.startDate <= dayOffset(today, -60) && unsupervised.has(store.patients.get(p.patientId)?.assignedClinicianIds[0] ?? -1),
	);
	check(primary, 'no patient with an open primary policy and an unsupervised clinician in the sandbox');
	return { patientId: primary.patientId, unsupervisedClinicianId: [...unsupervised][0] };
}
