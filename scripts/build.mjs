// Builds dist/ as n8n loads it: one CommonJS bundle per node and credential entry (plus index.js),
// with our runtime libraries (zod, tough-cookie, otplib) inlined so the published package needs
// no `dependencies`. n8n-workflow comes from the n8n host; playwright-core is loaded lazily
// by the browser login only when the host has it.
import { build } from 'esbuild';
import { cp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');

async function walk(dir) {
	const out = [];
	let entries = [];
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch {
		return out;
	}
	for (const entry of entries) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...(await walk(full)));
		else out.push(full);
	}
	return out;
}

const sources = [...(await walk(path.join(root, 'nodes'))), ...(await walk(path.join(root, 'credentials')))];
const entryPoints = [path.join(root, 'index.ts'), ...sources.filter((f) => /\.(node|credentials)\.ts$/.test(f))];
const assets = sources.filter((f) => /\.(svg|png|json)$/.test(f));

await rm(dist, { recursive: true, force: true });
await build({
	entryPoints,
	outbase: root,
	outdir: dist,
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	external: ['n8n-workflow', 'playwright-core'],
	sourcemap: false,
	legalComments: 'inline',
	logLevel: 'warning',
});
for (const asset of assets) {
	const target = path.join(dist, path.relative(root, asset));
	await cp(asset, target);
}
const size = (await stat(path.join(dist, 'index.js'))).size;
process.stdout.write(`built ${entryPoints.length} entries and ${assets.length} assets into dist/ (index.js ${Math.round(size / 1024)} KiB)\n`);
