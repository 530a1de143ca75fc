// Builds dist/ as n8n loads it: one CommonJS bundle per node and credential entry (plus index.js),
// with our runtime libraries (zod, tough-cookie, otplib) inlined so the published package needs
// no `dependencies`. n8n-workflow comes from the n8n host; playwright-core is loaded lazily
// by the browser login only when the host has it.
import { build } from 'esbuild';
import { cp, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

// PortalSession's plain-Node transport loads undici, which installs itself as the process's global
// HTTP dispatcher on load. The nodes send through n8n's own helpers and never build a PortalSession,
// so that module is declared free of side effects: esbuild then drops it, and undici with it, from
// every bundle that does not use it. The check after the build keeps it that way.
const PLAIN_NODE_TRANSPORT = /[\\/]lib[\\/]session[\\/]undiciTransport(\.ts)?$/;
const plainNodeTransportIsDroppable = {
	name: 'plain-node-transport-is-droppable',
	setup(builder) {
		builder.onResolve({ filter: /undiciTransport$/ }, async (args) => {
			if (args.pluginData?.resolving) return undefined;
			const resolved = await builder.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
			return PLAIN_NODE_TRANSPORT.test(resolved.path) ? { ...resolved, sideEffects: false } : resolved;
		});
	},
};
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
const { metafile } = await build({
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
	metafile: true,
	plugins: [plainNodeTransportIsDroppable],
});
for (const [output, { inputs }] of Object.entries(metafile.outputs)) {
	const undici = Object.keys(inputs).find((input) => input.includes('node_modules/undici/'));
	if (undici) throw new Error(`${output} bundles undici (${undici}): the nodes must not carry PortalSession's plain-Node transport`);
}
for (const asset of assets) {
	const target = path.join(dist, path.relative(root, asset));
	await cp(asset, target);
}
const size = (await stat(path.join(dist, 'index.js'))).size;
process.stdout.write(`built ${entryPoints.length} entries and ${assets.length} assets into dist/ (index.js ${Math.round(size / 1024)} KiB)\n`);
