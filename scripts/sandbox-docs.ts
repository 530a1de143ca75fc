// Writes the handler table of sandbox/README.md from the handlers' own metadata, so the table
// cannot drift from what the sandbox serves. `npm run sandbox:docs` rewrites it; a test checks it.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PORTAL_HANDLERS, PAGE_ROUTES } from '../sandbox/handlers';
import { PUBLIC_ROUTES } from '../sandbox/auth/login';

const START = '<!-- handler-table:start -->';
const END = '<!-- handler-table:end -->';
const cellText = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A route's regular expression, unescaped enough to read as a path. */
const patternText = (pattern: RegExp) => pattern.source.replace(/\\([./-])/g, '$1').replace(/^\^|\$$/g, '');

export function handlerTable(): string {
	const rows = [
		'| handler | request | fields | answer | source |',
		'|---|---|---|---|---|',
		...PUBLIC_ROUTES.map((r) => `| \`${r.name}\` | ${r.method} \`${patternText(r.path)}\`${r.msg === null ? '' : `?msg=${r.msg}`} | ${cellText(r.fields)} | ${cellText(r.answer)} | ${r.provenance} |`),
		...PORTAL_HANDLERS.map((h) => `| \`${h.name}\` | POST \`${h.path}?msg=${h.msg}\` | ${cellText(h.fields)} | ${cellText(h.answer)} | ${h.provenance} |`),
		...PAGE_ROUTES.map((p) => `| \`${p.name}\` | GET \`${patternText(p.pattern)}\` | — | ${cellText(p.description)} | ${p.provenance} |`),
	];
	return rows.join('\n');
}

export function renderReadme(current: string): string {
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	if (start < 0 || end < start) throw new Error(`sandbox/README.md needs ${START} and ${END} markers`);
	return `${current.slice(0, start + START.length)}\n${handlerTable()}\n${current.slice(end)}`;
}

if (require.main === module) {
	const file = path.resolve(__dirname, '../sandbox/README.md');
	writeFileSync(file, renderReadme(readFileSync(file, 'utf8')));
	process.stdout.write(`wrote the handler table of ${file}\n`);
}
