import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderReadme } from '../../../scripts/sandbox-docs';
import { PORTAL_HANDLERS } from '../../../sandbox/handlers';

describe('sandbox/README.md', () => {
	const readme = readFileSync(path.resolve(__dirname, '../../../sandbox/README.md'), 'utf8');

	test('its handler table is exactly what the code serves (run `npm run sandbox:docs` after changing a handler)', () => {
		expect(renderReadme(readme)).toBe(readme);
	});

	test('every handler is documented with its provenance, and names are unique', () => {
		const names = PORTAL_HANDLERS.map((h) => h.name);
		expect(new Set(names).size).toBe(names.length);
		for (const handler of PORTAL_HANDLERS) {
			expect(readme).toContain(`| \`${handler.name}\` | POST \`${handler.path}?msg=${handler.msg}\``);
			expect(['confirmed', 'assumed']).toContain(handler.provenance);
		}
	});

	test('no two handlers share a path and msg number', () => {
		const addresses = PORTAL_HANDLERS.map((h) => `${h.path}?${h.msg}`);
		expect(new Set(addresses).size).toBe(addresses.length);
	});
});
