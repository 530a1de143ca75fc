import { n8n, startN8n, tail, type RunningN8n } from '../lib/n8n';
import { sleep, waitFor } from '../lib/proc';
import { check, say, step, stepOk } from '../lib/report';
import { act, records, requestCount, type ExtraContext } from './context';
import type { ClaimsFixture } from './claims';

/**
 * examples/claims-rejection-alert.json published and running in `n8n start` (the trigger polls
 * the claim list every minute). One claim rejected and one accepted after the baseline poll: the
 * biller gets exactly one email, for the rejected claim, and no second one on the next poll.
 */

export const REJECTION_RECIPE_ID = 'tnRecipeClaimRej';
const POLL_HANDLER = 'claims/search';

const alerts = (ctx: ExtraContext) => ctx.smtp.messages().filter((m) => /^Claim \d+ rejected/.test(m.subject));

async function rejectOneAcceptOne(ctx: ExtraContext, n8nRun: RunningN8n, f: ClaimsFixture): Promise<void> {
	const [rejected, accepted] = f.claimIds;
	await act(ctx, 'claims-adjudicate', { claimIds: [rejected], outcome: 'reject', rejectionCodes: ['A7:562', 'A8:21'] });
	await act(ctx, 'claims-adjudicate', { claimIds: [accepted], outcome: 'accept' });
	await waitFor('the rejection alert', async () => (alerts(ctx).length > 0 ? true : undefined), 150_000, 2000).catch((error: unknown) => {
		throw new Error(`${String(error)}; n8n log: ${tail(n8nRun.log(), 800)}`);
	});
	const polls = await requestCount(ctx, POLL_HANDLER);
	await waitFor('one more poll', async () => ((await requestCount(ctx, POLL_HANDLER)) > polls ? true : undefined), 90_000, 2000);
	await sleep(5000);
	const sent = alerts(ctx);
	check(sent.length === 1 && sent[0].subject === `Claim ${rejected} rejected: A7:562, A8:21` && sent[0].to.join(',') === 'billing@practice.example', `alerts: ${JSON.stringify(sent.map((m) => [m.to, m.subject]))}`);
	check(!ctx.smtp.messages().some((m) => m.subject.startsWith(`Claim ${accepted} `)), `an alert for the accepted claim ${accepted}`);
	const [claim] = await records(ctx, 'claims', { id: rejected });
	const [patient] = await records(ctx, 'patients', { id: Number(claim.patientId) });
	for (const field of ['firstName', 'lastName', 'dob', 'email']) {
		const value = String(patient[field] ?? '');
		check(value.length < 3 || !sent[0].data.includes(value), `the alert carries the patient's ${field}`);
	}
	say(`  alert: "${sent[0].subject}"`);
}

export async function runRejectionChecks(ctx: ExtraContext, f: ClaimsFixture): Promise<void> {
	if (f.claimIds.length < 2) return void (await step('(x3) rejection alert', () => Promise.reject(new Error('skipped: no submitted fixture claims'))));
	const published = await stepOk('(x3) rejection alert: publish the recipe', async () => {
		const result = await n8n(ctx.folder, ['publish:workflow', `--id=${REJECTION_RECIPE_ID}`]);
		check(result.code === 0, `publish:workflow exited ${result.code}: ${tail(result.stderr || result.stdout)}`);
	});
	if (!published) return;
	let n8nRun: RunningN8n | undefined;
	try {
		const before = await requestCount(ctx, POLL_HANDLER);
		n8nRun = await step('(x3) n8n start with the alert active; its baseline poll reaches the sandbox', async () => {
			const started = await startN8n(ctx.folder, { readyTimeoutMs: 180_000 });
			await waitFor('the activation poll', async () => ((await requestCount(ctx, POLL_HANDLER)) > before ? true : undefined), 120_000, 1000);
			return started;
		});
		if (!n8nRun) return;
		const running = n8nRun;
		await stepOk('(x3) one claim rejected, one accepted → exactly one alert, for the rejected claim, none on the next poll', () => rejectOneAcceptOne(ctx, running, f));
	} finally {
		await n8nRun?.stop();
		await n8n(ctx.folder, ['unpublish:workflow', `--id=${REJECTION_RECIPE_ID}`]);
	}
}
