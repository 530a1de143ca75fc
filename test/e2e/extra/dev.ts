import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { N8nFolder } from '../lib/n8n';
import { installLikeN8n, packPackage } from '../lib/package';
import { ROOT, run } from '../lib/proc';
import { say, step, summary } from '../lib/report';
import { runExtraRecipeChecks, type ExtraPart } from '../recipesExtra';

/**
 * Dev runner for the extra recipe checks alone, in its own work folder (.tmp/e2e-extra), so it can
 * run beside the main e2e (.tmp/e2e). Installs nothing new: n8n must be at test/e2e/n8n
 * (`bash scripts/install-n8n.sh` once). Builds dist/, then runs the checks.
 *   npx tsx test/e2e/extra/dev.ts              # our nodes from dist/ as custom extensions
 *   npx tsx test/e2e/extra/dev.ts --package    # the packed tarball installed as n8n's installer does
 *   npx tsx test/e2e/extra/dev.ts claims ar    # only these parts (claims, ar, balance)
 */

const WORK = join(ROOT, '.tmp', 'e2e-extra');

async function folderFor(asPackage: boolean): Promise<N8nFolder> {
	const userFolder = join(WORK, asPackage ? 'package' : 'custom');
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	if (!asPackage) return { userFolder, env: { N8N_CUSTOM_EXTENSIONS: join(ROOT, 'dist') } };
	await installLikeN8n(userFolder, await packPackage(join(WORK, 'pack')));
	return { userFolder, env: {} };
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	if (!existsSync(join(ROOT, 'test/e2e/n8n/node_modules/.bin/n8n'))) throw new Error('n8n is not installed: run `bash scripts/install-n8n.sh` once');
	const folder = await step('build dist/ and prepare the n8n user folder', async () => {
		const build = await run('npm', ['run', 'build', '--silent'], { timeoutMs: 180_000 });
		if (build.code !== 0) throw new Error(`npm run build exited ${build.code}: ${(build.stderr || build.stdout).slice(-600)}`);
		return folderFor(process.argv.includes('--package'));
	});
	const parts = process.argv.slice(2).filter((arg): arg is ExtraPart => ['claims', 'ar', 'balance'].includes(arg));
	if (folder) await runExtraRecipeChecks(folder, parts.length > 0 ? parts : undefined);
	const { failed, line } = summary(startedAt);
	say(line);
	process.exit(failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
	say(`extra dev runner: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(2);
});
