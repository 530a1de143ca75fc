import { startSandbox } from '../../sandbox/server';
import { startFakeStripe } from './fakes/stripe';
import { startSmtpCapture } from './fakes/smtp';
import { sandboxLogin } from './actions';
import { importCredentials, importWorkflows, type N8nFolder } from './lib/n8n';
import { say, step, stepOk } from './lib/report';
import { credentials } from './lib/workflows';
import { recipeFor, type ExtraContext } from './extra/context';
import { runArChecks } from './extra/ar';
import { runBalanceChecks } from './extra/balance';
import { makeClaimsFixture, runClaimsSubmitChecks } from './extra/claims';
import { runRejectionChecks } from './extra/rejections';

async function claimsChecks(ctx: ExtraContext): Promise<void> {
	const fixture = await step('(x2) claims fixture: 2 signed insured sessions, 1 signed self-pay session', () => makeClaimsFixture(ctx));
	if (fixture && (await runClaimsSubmitChecks(ctx, fixture))) await runRejectionChecks(ctx, fixture);
}

export type ExtraPart = 'claims' | 'ar' | 'balance';

const RECIPES: Record<ExtraPart, string[]> = {
	claims: ['claims-submit.json', 'claims-rejection-alert.json'],
	ar: ['weekly-ar-reconciliation.json'],
	balance: ['balance-reminders.json'],
};

/**
 * The claims, weekly AR reconciliation and balance-reminder recipes (examples/), in a real n8n
 * whose user folder loads our package: installed like n8n's community installer, or dist/ as
 * custom extensions (`N8N_CUSTOM_EXTENSIONS` in `folder.env` switches the node types to CUSTOM.*).
 *
 * It starts its own sandbox (solo size) and fakes, because the balance checks move the sandbox
 * clock by 21 days, which must not leak into other steps; they run last for the same reason.
 * n8n runs with GENERIC_TIMEZONE=UTC because the sandbox models practice-local time as UTC and
 * the AR recipe's week comes from n8n's `$today`. The credentials reuse the fixed ids of
 * lib/workflows.ts, so they replace those an earlier step imported into the same folder.
 */
export async function runExtraRecipeChecks(folder: N8nFolder, only: ExtraPart[] = ['claims', 'ar', 'balance']): Promise<void> {
	const sandbox = await startSandbox({ port: 0, size: 'solo', seed: 3 });
	const stripe = await startFakeStripe();
	const smtp = await startSmtpCapture();
	say(`extra recipes: sandbox ${sandbox.url}, fake Stripe ${stripe.url}, SMTP 127.0.0.1:${smtp.port}`);
	const ctx: ExtraContext = { folder: { ...folder, env: { ...folder.env, GENERIC_TIMEZONE: 'UTC' } }, sandbox, stripe, smtp };
	try {
		const ready = await stepOk('(x) import the credentials and the recipes (one n8n process each)', async () => {
			await importCredentials(ctx.folder, credentials(sandboxLogin(sandbox), { stripeKey: stripe.apiKey, smtpPort: smtp.port }));
			await importWorkflows(ctx.folder, only.flatMap((part) => RECIPES[part]).map((file) => recipeFor(ctx, file)));
		});
		if (!ready) return;
		if (only.includes('claims')) await claimsChecks(ctx);
		if (only.includes('ar')) await runArChecks(ctx);
		if (only.includes('balance')) await runBalanceChecks(ctx);
		await stepOk('(x) no PHI-like text reached the fake Stripe', async () => {
			const view = (await (await fetch(`${stripe.url}/__fake/payment_intents`)).json()) as { phiSuspects: unknown[] };
			if (view.phiSuspects.length > 0) throw new Error(`PHI-like content in Stripe: ${JSON.stringify(view.phiSuspects)}`);
		});
	} finally {
		await Promise.all([sandbox.close(), stripe.close(), smtp.close()]);
	}
}
