import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startSandbox, type RunningSandbox } from '../sandbox/server';
import { startFakeStripe, type FakeStripe } from '../test/e2e/fakes/stripe';
import { OWNER, ownerEnv, recipesAsCustom } from '../test/e2e/lib/demo';
import { importCredentials, importWorkflows, startN8n, type N8nFolder, type RunningN8n } from '../test/e2e/lib/n8n';
import { ROOT, run } from '../test/e2e/lib/proc';
import { credentials } from '../test/e2e/lib/workflows';

/**
 * `npm run screenshot`: the pinned n8n with our nodes from dist/, the copay recipe imported, opened
 * in headless Chromium (/usr/bin/chromium) as the owner. Writes docs/editor-copay.png (the
 * canvas) and docs/editor-copay-node.png (the TherapyNotes node panel). Every port is free-picked,
 * the n8n user folder is .tmp/screenshot, so it runs beside `npm start` and the e2e suite.
 */

const COPAY_ID = 'tnRecipeCopay001';
const NODE_TO_OPEN = 'Post Payment to TherapyNotes';
const VIEWPORT = { width: 1680, height: 960 };
const say = (line: string) => process.stdout.write(`${line}\n`);

async function must(what: string, command: string, args: string[]): Promise<void> {
	say(`screenshot: ${what}…`);
	const result = await run(command, args, { timeoutMs: 20 * 60_000 });
	if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${(result.stderr || result.stdout).slice(-600)}`);
}

async function startEditor(sandbox: RunningSandbox, stripe: FakeStripe): Promise<RunningN8n> {
	const folder: N8nFolder = { userFolder: join(ROOT, '.tmp', 'screenshot'), env: { N8N_CUSTOM_EXTENSIONS: join(ROOT, 'dist'), ...ownerEnv() } };
	rmSync(folder.userFolder, { recursive: true, force: true });
	mkdirSync(folder.userFolder, { recursive: true });
	const { practiceCode, password, plainUsername } = sandbox.state.demo;
	await importCredentials(folder, credentials({ url: sandbox.url, practiceCode, password, plainUsername }, { stripeKey: stripe.apiKey, smtpPort: 2525 }));
	// Stripe's real address on the canvas: the picture is of the recipe as users import it (nothing runs).
	await importWorkflows(folder, recipesAsCustom(undefined, ['copay-on-note-signed.json']));
	say('screenshot: starting n8n…');
	return startN8n(folder, { readyTimeoutMs: 240_000 });
}

async function logIn(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/signin`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
	await page.locator('input[type="email"]').fill(OWNER.email, { timeout: 120_000 });
	await page.locator('input[type="password"]').fill(OWNER.password);
	await page.locator('[data-test-id="form-submit-button"]').click();
	await page.waitForURL((target) => !target.pathname.startsWith('/signin'), { timeout: 60_000 });
}

async function shoot(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/workflow/${COPAY_ID}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
	const node = page.locator(`[data-node-name="${NODE_TO_OPEN}"]`).first();
	await node.waitFor({ state: 'visible', timeout: 120_000 });
	const fit = page.locator('[data-test-id="zoom-to-fit"]').first();
	if (await fit.isVisible()) await fit.click();
	await page.waitForTimeout(1500); // the fit animation and node icons
	const canvasFile = join(ROOT, 'docs', 'editor-copay.png');
	await page.screenshot({ path: canvasFile });
	await node.dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible', timeout: 60_000 });
	await page.waitForTimeout(1500);
	const panelFile = join(ROOT, 'docs', 'editor-copay-node.png');
	await page.screenshot({ path: panelFile });
	for (const file of [canvasFile, panelFile]) say(`screenshot: wrote ${file.slice(ROOT.length + 1)} (${Math.round(statSync(file).size / 1024)} KB)`);
}

async function main(): Promise<void> {
	await must('build dist/', 'npm', ['run', 'build', '--silent']);
	await must('install the pinned n8n if needed', 'bash', [join(ROOT, 'scripts/install-n8n.sh')]);
	mkdirSync(join(ROOT, 'docs'), { recursive: true });
	const sandbox = await startSandbox({ port: 0, size: 'solo', seed: 1 });
	const stripe = await startFakeStripe();
	let editor: RunningN8n | undefined;
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
	try {
		editor = await startEditor(sandbox, stripe);
		const page = await browser.newPage({ viewport: VIEWPORT });
		await logIn(page, editor.url);
		await shoot(page, editor.url);
	} finally {
		await browser.close();
		await editor?.stop();
		await Promise.all([sandbox.close(), stripe.close()]);
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`screenshot: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
