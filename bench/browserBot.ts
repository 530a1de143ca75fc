import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningSandbox } from '../sandbox/server';
import { RawPortalClient } from '../test/helpers/portalClient';
import { BOT_ADDENDUM, type Op } from './mixedOps';

/**
 * The baseline most unofficial EHR integrations use: a headless browser that opens the portal's
 * page for every operation and reads the values from the page's cells. A write opens the page a
 * person would act on, sends what its button sends (an XHR with the page's tnrac), then reloads
 * the page and reads the change back, as a bot must to know it worked.
 */
export class BrowserBot {
	private constructor(
		private readonly browser: Browser,
		private readonly context: BrowserContext,
		private readonly baseUrl: string,
	) {}

	/** Starts Chromium with the login cookies of `username` (logged in once, outside the timing). */
	static async start(sandbox: RunningSandbox, username: string): Promise<BrowserBot> {
		const raw = new RawPortalClient(sandbox.url);
		const answer = await raw.login(sandbox.state.demo.practiceCode, username, sandbox.state.demo.password);
		if (answer.Success !== true) throw new Error('bot login refused');
		const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
		const context = await browser.newContext();
		await context.addCookies([...raw.cookies].map(([name, value]) => ({ name, value, url: sandbox.url })));
		return new BrowserBot(browser, context, sandbox.url);
	}

	async run(op: Op): Promise<void> {
		const page = await this.context.newPage();
		try {
			await this.perform(page, op);
		} finally {
			await page.close();
		}
	}

	close(): Promise<void> {
		return this.browser.close();
	}

	private async open(page: Page, path: string): Promise<void> {
		const response = await page.goto(`${this.baseUrl}${path}`);
		if (response?.status() !== 200 || page.url().includes('/app/login')) throw new Error(`bot: ${path} did not open`);
	}

	private async perform(page: Page, op: Op): Promise<void> {
		switch (op.kind) {
			case 'patient':
				await this.open(page, `/app/patients/edit/${op.encryptedId}/`);
				return check(op, Number(await page.getAttribute('[data-testid="patient-chart"]', 'data-patient-id')) === op.id && (await cells(page)).length > 5);
			case 'day':
				await this.open(page, `/app/scheduling/calendar/?date=${op.day}&calendar=${op.id}`);
				return check(op, (await page.$$eval('[data-testid="appointment-clinician"]', (tds) => tds.map((td) => td.textContent))).every((c) => c === String(op.id)));
			case 'note':
				await this.open(page, `/app/notes/view/${op.encryptedId}/`);
				return check(op, Number(await page.getAttribute('[data-testid="note-view"]', 'data-note-id')) === op.id && (await cells(page)).length > 10);
			case 'era':
				await this.open(page, `/app/billing/eras/view/${op.id}/`);
				return check(op, Number(await page.getAttribute('[data-testid="era-detail"]', 'data-era-id')) === op.id && (await cells(page)).length > 5);
			case 'todo':
				await this.open(page, '/app/todo/');
				return check(op, (await page.$$('[data-testid="todo-type"]')).length > 0);
			case 'patientList':
				await this.open(page, '/app/patients/');
				return check(op, (await page.$$('[data-testid="patient-id"]')).length === 20);
			case 'showUp':
				return this.write(page, op, `/app/scheduling/calendar/?date=${op.day}&calendar=-1`, '/app/scheduling/setappointmentstatus.aspx?msg=27', { calendarentryid: String(op.id), status: '1', chargefee: 'false' }, async () => {
					const row = page.locator('tr', { has: page.locator(`[data-testid="appointment-id"]:text-is("${op.id}")`) });
					return (await row.locator('[data-testid="appointment-status"]').textContent()) === 'Show';
				});
			case 'addendum':
				return this.write(page, op, `/app/notes/view/${op.encryptedId}/`, '/app/notes/api/addaddendum.aspx?msg=14', { noteid: String(op.id), notetype: '4', text: BOT_ADDENDUM }, async () => (await page.$$('[data-testid="addendum-text"]')).length > 0);
		}
	}

	private async write(page: Page, op: Op, pagePath: string, action: string, form: Record<string, string>, applied: () => Promise<boolean>): Promise<void> {
		await this.open(page, pagePath);
		const answer = await page.evaluate(async ({ action, form }) => {
			const page = globalThis as unknown as { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } };
			const tnrac = page.document.querySelector('meta[name="tnrac"]')?.getAttribute('content') ?? '';
			const response = await fetch(action, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Requested-With': 'XMLHttpRequest' }, body: new URLSearchParams({ ...form, tnrac }).toString() });
			return (await response.json()) as { Success?: boolean };
		}, { action, form });
		if (answer.Success !== true) throw new Error(`bot op ${op.kind} ${op.id}: refused`);
		await page.reload();
		check(op, await applied());
	}
}

/** Every data-testid value on the page, the way a scraper reads a record. */
function cells(page: Page): Promise<[string | null, string | null][]> {
	return page.$$eval('[data-testid]', (nodes) => nodes.map((n) => [n.getAttribute('data-testid'), n.textContent] as [string | null, string | null]));
}

function check(op: Op, ok: boolean): void {
	if (!ok) throw new Error(`bot op ${op.kind} ${op.id}: the page did not show the record`);
}
