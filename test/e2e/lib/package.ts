import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './proc';

export const PACKAGE_NAME = 'n8n-nodes-therapynotes';

/** `npm pack` into `dir`; returns the tarball's path. */
export async function packPackage(dir: string): Promise<string> {
	mkdirSync(dir, { recursive: true });
	const result = await run('npm', ['pack', '--silent', `--pack-destination=${dir}`], { timeoutMs: 120_000 });
	if (result.code !== 0) throw new Error(`npm pack exited ${result.code}: ${result.stderr.slice(-500)}`);
	const name = result.stdout.trim().split('\n').pop() ?? '';
	const tarball = join(dir, name);
	if (!name.endsWith('.tgz') || !existsSync(tarball)) throw new Error(`npm pack printed no tarball name: ${result.stdout}`);
	return tarball;
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` the way n8n 2.40.7's community-package
 * installer does (CommunityPackagesService.downloadPackage): unpack into node_modules/<name>,
 * drop dev/peer/optional dependencies from its package.json, `npm install` inside it with scripts
 * off, then list it in nodes/package.json. Returns what npm put beside our package (should be nothing).
 */
export async function installLikeN8n(userFolder: string, tarball: string): Promise<{ packageDir: string; extraModules: string[] }> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const packageDir = join(nodesDir, 'node_modules', PACKAGE_NAME);
	mkdirSync(packageDir, { recursive: true });
	const untar = await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	if (untar.code !== 0) throw new Error(`tar exited ${untar.code}: ${untar.stderr}`);
	const manifestPath = join(packageDir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[field];
	writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const args = ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'];
	const install = await run('npm', args, { cwd: packageDir, timeoutMs: 180_000 });
	if (install.code !== 0) throw new Error(`npm install in the package exited ${install.code}: ${install.stderr.slice(-500)}`);
	writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: manifest.version } }, null, 2));
	const inner = join(packageDir, 'node_modules');
	const extraModules = existsSync(inner) ? readdirSync(inner).filter((name) => !name.startsWith('.')) : [];
	return { packageDir, extraModules };
}

export function ourDependencies(): Record<string, string> {
	const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
	return manifest.dependencies ?? {};
}
