import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';
import { actionFixtures, checkHealthcheck, importActions, runActionChecks } from './actions';
import { tail, type N8nFolder } from './lib/n8n';
import { installLikeN8n, ourDependencies, packPackage, PACKAGE_NAME } from './lib/package';
import { ROOT, run } from './lib/proc';
import { check, say, step, stepOk, summary } from './lib/report';
import { runRecipeChecks } from './recipe';
import { runExtraRecipeChecks } from './recipesExtra';

/**
 * `npm run e2e`: our package inside the pinned real n8n 2.40.7.
 *  (a) loaded as custom extensions (dist/), action workflows run with `n8n execute`;
 *  (b) the packed tarball installed as n8n's community-package installer does, healthcheck run;
 *  (c) the no-show fee and copay recipes active in `n8n start`, against the sandbox, a fake Stripe and an SMTP capture.
 *  (x) the claims, weekly AR reconciliation and balance reminder recipes, each run against its own sandbox.
 * Prints `E2E passed=<n> failed=<n>` and exits non-zero on any failure.
 * `E2E_WORK` (default `.tmp/e2e`) is the work folder: two runs with different folders can coexist
 * (every port, including n8n's task broker, is taken free at run time).
 */

const WORK = resolve(ROOT, process.env.E2E_WORK || join('.tmp', 'e2e'));

async function prepare(): Promise<string> {
	const install = await stepOk('install the pinned n8n (scripts/install-n8n.sh, idempotent)', async () => {
		const result = await run('bash', [join(ROOT, 'scripts', 'install-n8n.sh')], { timeoutMs: 20 * 60_000, echo: true });
		check(result.code === 0, `install-n8n.sh exited ${result.code}: ${tail(result.stderr)}`);
	});
	const build = await step('build dist/ and pack the tarball', async () => {
		const result = await run('npm', ['run', 'build', '--silent'], { timeoutMs: 180_000 });
		check(result.code === 0, `npm run build exited ${result.code}: ${tail(result.stderr || result.stdout)}`);
		return packPackage(join(WORK, 'pack'));
	});
	if (!install || build === undefined) throw new Error('cannot continue without n8n and a build');
	return build;
}

function freshFolder(name: string, env: NodeJS.ProcessEnv = {}): N8nFolder {
	const userFolder = join(WORK, name);
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	return { userFolder, env };
}

async function customExtensions(sandbox: RunningSandbox): Promise<void> {
	const folder = freshFolder('custom', { N8N_CUSTOM_EXTENSIONS: join(ROOT, 'dist') });
	const fixtures = await actionFixtures(sandbox);
	const imported = await stepOk('(a) import the credential and 5 action workflows (type CUSTOM.therapyNotes)', () => importActions(folder, sandbox, 'CUSTOM.therapyNotes', fixtures));
	if (!imported) return;
	await runActionChecks(folder, sandbox, fixtures);
}

async function communityPackage(sandbox: RunningSandbox, tarball: string): Promise<N8nFolder | undefined> {
	const folder = freshFolder('package');
	const installed = await stepOk('(b) install the tarball as n8n does; nothing installed beside it', async () => {
		check(Object.keys(ourDependencies()).length === 0, `package.json has dependencies: ${JSON.stringify(ourDependencies())}`);
		const { extraModules } = await installLikeN8n(folder.userFolder, tarball);
		check(extraModules.length === 0, `npm installed ${extraModules.join(', ')} beside ${PACKAGE_NAME}`);
		await importActions(folder, sandbox, `${PACKAGE_NAME}.therapyNotes`, await actionFixtures(sandbox), ['healthcheck']);
	});
	if (!installed) return undefined;
	const ran = await stepOk(`(b) healthcheck runs with type ${PACKAGE_NAME}.therapyNotes`, () => checkHealthcheck(folder));
	return ran ? folder : undefined;
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	mkdirSync(WORK, { recursive: true });
	let sandbox: RunningSandbox | undefined;
	try {
		const tarball = await prepare();
		sandbox = await startSandbox({ port: 0, size: 'group', seed: 1 });
		say(`sandbox at ${sandbox.url}`);
		const only = process.argv.slice(2);
		if (only.length === 0 || only.includes('a')) await customExtensions(sandbox);
		let packageFolder: N8nFolder | undefined;
		if (only.length === 0 || ['b', 'c', 'x'].some((part) => only.includes(part))) packageFolder = await communityPackage(sandbox, tarball);
		if (only.length === 0 || only.includes('c')) {
			if (packageFolder) await runRecipeChecks(packageFolder, sandbox);
			else await step('(c) recipes', () => Promise.reject(new Error('skipped: the community package did not load')));
		}
		// (x) claims, weekly AR and balance reminders, each against its own solo sandbox and fakes.
		if (only.length === 0 || only.includes('x')) {
			if (packageFolder) await runExtraRecipeChecks(packageFolder);
			else await step('(x) extra recipes', () => Promise.reject(new Error('skipped: the community package did not load')));
		}
	} catch (error) {
		await step('e2e setup', () => Promise.reject(error));
	} finally {
		await sandbox?.close();
	}
	const { failed, line } = summary(startedAt);
	say(line);
	process.exit(failed === 0 ? 0 : 1);
}

void main();
