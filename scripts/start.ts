import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../sandbox/server';
import { startFakeStripe, type FakeStripe } from '../test/e2e/fakes/stripe';
import { startSmtpCapture, type SmtpCapture } from '../test/e2e/fakes/smtp';
import { importCredentials, importWorkflows, startN8n, type N8nFolder, type RunningN8n } from '../test/e2e/lib/n8n';
import { ROOT, run } from '../test/e2e/lib/proc';
import { credentials } from '../test/e2e/lib/workflows';
import { OWNER, ownerEnv, recipesAsCustom } from '../test/e2e/lib/demo';

/**
 * `npm start`: the sandbox, a fake Stripe, an SMTP capture and the pinned real n8n with our nodes
 * (custom extensions from dist/) and every recipe imported, inactive. One Ctrl-C stops it all.
 * The n8n owner is created from env (N8N_INSTANCE_OWNER_MANAGED_BY_ENV, supported by 2.40.7),
 * so the editor opens at a login instead of a set-up form.
 */

const say = (line: string) => process.stdout.write(`${line}\n`);

async function must(what: string, command: string, args: string[]): Promise<void> {
	say(`start: ${what}…`);
	const result = await run(command, args, { timeoutMs: 20 * 60_000, echo: command === 'bash' });
	if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${(result.stderr || result.stdout).slice(-600)}`);
}

interface Running {
	sandbox?: RunningSandbox;
	stripe?: FakeStripe;
	smtp?: SmtpCapture;
	n8n?: RunningN8n;
}

async function stopAll(running: Running): Promise<void> {
	await running.n8n?.stop();
	await Promise.all([running.sandbox?.close(), running.stripe?.close(), running.smtp?.close()]);
}

async function main(running: Running): Promise<void> {
	await must('build dist/', 'npm', ['run', 'build', '--silent']);
	await must('install the pinned n8n if needed', 'bash', [join(ROOT, 'scripts/install-n8n.sh')]);
	running.sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4555), size: 'group', seed: 1 });
	running.stripe = await startFakeStripe({ port: Number(process.env.FAKE_STRIPE_PORT ?? 12111), autoCustomers: true });
	running.smtp = await startSmtpCapture({ port: Number(process.env.FAKE_SMTP_PORT ?? 2525) });
	const folder: N8nFolder = { userFolder: join(ROOT, '.n8n-data', 'start'), env: { N8N_CUSTOM_EXTENSIONS: join(ROOT, 'dist'), ...ownerEnv() } };
	mkdirSync(folder.userFolder, { recursive: true });
	const { practiceCode, password, plainUsername, username, totpSecret } = running.sandbox.state.demo;
	say('start: importing the sandbox credential and the recipes (inactive)…');
	await importCredentials(folder, credentials({ url: running.sandbox.url, practiceCode, password, plainUsername }, { stripeKey: running.stripe.apiKey, smtpPort: running.smtp.port }));
	await importWorkflows(folder, recipesAsCustom(running.stripe.url));
	say('start: starting n8n…');
	running.n8n = await startN8n(folder, { port: Number(process.env.N8N_PORT ?? 5678), readyTimeoutMs: 180_000 });
	say('');
	say(`n8n editor:        ${running.n8n.url}   (log in as ${OWNER.email} / ${OWNER.password})`);
	say(`sandbox portal:    ${running.sandbox.url}/app/login/${practiceCode}/   front desk ${plainUsername} / ${password}; clinician ${username} (TOTP secret ${totpSecret})`);
	say(`fake Stripe:       ${running.stripe.url}/__fake/payment_intents   (key ${running.stripe.apiKey})`);
	say(`captured e-mails:  ${running.smtp.httpUrl}/messages`);
	say('Recipes are imported inactive: open one, check it, then publish it. Ctrl-C stops everything.');
}

const running: Running = {};
let stopping = false;
const shutdown = (code: number) => {
	if (stopping) return;
	stopping = true;
	say('\nstart: stopping…');
	stopAll(running).finally(() => process.exit(code));
};
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main(running).catch((error: unknown) => {
	process.stderr.write(`start: ${error instanceof Error ? error.message : String(error)}\n`);
	shutdown(1);
});
