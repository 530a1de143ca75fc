import type { RunningSandbox } from '../../sandbox/server';
import { execute, importCredentials, importWorkflows, itemsOf, tail, type ExecutionResult, type N8nFolder } from './lib/n8n';
import { getJson } from './lib/proc';
import { check, step } from './lib/report';
import { ACTION_CASES, actionWorkflow, credentials, type ActionFixtures } from './lib/workflows';

/** Step (a) and the healthcheck of (b): action workflows run with `n8n execute` and checked by their output. */

type Row = Record<string, unknown>;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Real values from the sandbox, so that each operation has something to find. */
export async function actionFixtures(sandbox: RunningSandbox): Promise<ActionFixtures> {
	const { rows } = await getJson<{ rows: Row[] }>(`${sandbox.url}/__sandbox/records/patients?status=active&limit=5`);
	const patient = rows[0];
	check(patient, 'the sandbox has no active patient');
	return { searchName: String(patient.lastName), from: day(0), to: day(7), patientId: Number(patient.id), reference: `e2e-${Date.now().toString(36)}` };
}

export function sandboxLogin(sandbox: RunningSandbox) {
	const { practiceCode, password, plainUsername } = sandbox.state.demo;
	return { url: sandbox.url, practiceCode, password, plainUsername };
}

async function executeOk(folder: N8nFolder, id: string): Promise<ExecutionResult> {
	const { code, result, output } = await execute(folder, id);
	check(result, `execute printed no JSON (exit ${code}): ${tail(output)}`);
	check(code === 0 && result.status === 'success', `execution ${result.status} (exit ${code}): ${result.error?.message ?? tail(output)}`);
	return result;
}

export async function checkHealthcheck(folder: N8nFolder): Promise<void> {
	const [report] = itemsOf(await executeOk(folder, ACTION_CASES({} as ActionFixtures).healthcheck.id), 'TherapyNotes');
	check(report?.ok === true, `healthcheck not ok: ${JSON.stringify(report).slice(0, 400)}`);
	const areas = report.areas as Row[];
	check(areas.length >= 5 && areas.every((a) => a.ok === true), `an area failed: ${JSON.stringify(areas.filter((a) => a.ok !== true))}`);
}

/** Imports the credential and the action workflows into `folder` (one n8n process each). */
export async function importActions(folder: N8nFolder, sandbox: RunningSandbox, nodeType: string, fixtures: ActionFixtures, only?: string[]): Promise<void> {
	await importCredentials(folder, credentials(sandboxLogin(sandbox)));
	const cases = Object.entries(ACTION_CASES(fixtures)).filter(([key]) => !only || only.includes(key));
	await importWorkflows(folder, cases.map(([, c]) => actionWorkflow(nodeType, c)));
}

/** The custom-extension checks of step (a). */
export async function runActionChecks(folder: N8nFolder, sandbox: RunningSandbox, f: ActionFixtures): Promise<void> {
	const cases = ACTION_CASES(f);
	await step('(a) practice healthcheck: every area answers', () => checkHealthcheck(folder));

	await step('(a) patient search finds the sandbox patient by last name', async () => {
		const items = itemsOf(await executeOk(folder, cases.search.id), 'TherapyNotes');
		check(items.some((p) => p.id === f.patientId), `patient ${f.patientId} not among ${items.length} matches for "${f.searchName}"`);
	});

	await step('(a) appointment get many over the next 7 days (summary output)', async () => {
		const items = itemsOf(await executeOk(folder, cases.appointments.id), 'TherapyNotes');
		const { count } = await getJson<{ count: number; rows: Row[] }>(`${sandbox.url}/__sandbox/records/appointments?limit=1`);
		check(items.length > 0 && count > 0, `no appointments between ${f.from} and ${f.to}`);
		check(items.every((a) => typeof a.id === 'number' && typeof a.start === 'string' && a.start >= f.from), 'an item lacks id/start or starts before the range');
		check(items.every((a) => !('patients' in a) || JSON.stringify(a.patients).indexOf('Name') < 0), 'summary output carries patient names');
	});

	await step('(a) billing post payment with a reference reaches the portal once', async () => {
		const [payment] = itemsOf(await executeOk(folder, cases.payment.id), 'TherapyNotes');
		check(payment?.reference === f.reference && payment.alreadyPosted === false, `unexpected payment item: ${JSON.stringify(payment)}`);
		const again = itemsOf(await executeOk(folder, cases.payment.id), 'TherapyNotes')[0];
		check(again?.alreadyPosted === true && again.id === payment.id, `second run posted again: ${JSON.stringify(again)}`);
		const { count } = await getJson<{ count: number }>(`${sandbox.url}/__sandbox/records/payments?reference=${encodeURIComponent(f.reference)}`);
		check(count === 1, `the sandbox holds ${count} payments with reference ${f.reference}`);
	});

	await step('(a) unknown patient: the execution fails with our message', async () => {
		const { code, result, output } = await execute(folder, cases.unknownPatient.id);
		check(code !== 0 || result?.status !== 'success', `the execution succeeded: ${tail(output)}`);
		const message = `${result?.error?.message ?? ''} ${result?.error?.description ?? ''} ${output}`;
		check(/TherapyNotes refused 'patients\/get': The patient could not be found/.test(message), `not our refusal message: ${tail(message, 400)}`);
	});
}
