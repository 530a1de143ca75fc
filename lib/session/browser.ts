import { existsSync } from 'node:fs';
import { LoginError } from './errors';

/** The few page operations a browser login needs; playwright-core's Page satisfies it. */
export interface BrowserPage {
	goto(url: string, options?: { timeout?: number }): Promise<unknown>;
	fill(selector: string, value: string): Promise<void>;
	click(selector: string): Promise<void>;
	check(selector: string): Promise<void>;
	waitForSelector(selector: string, options?: { state?: 'visible' | 'attached'; timeout?: number }): Promise<unknown>;
	waitForURL(url: RegExp, options?: { timeout?: number }): Promise<void>;
	textContent(selector: string, options?: { timeout?: number }): Promise<string | null>;
	isVisible(selector: string): Promise<boolean>;
	url(): string;
}

export interface BrowserCookie {
	name: string;
	value: string;
	expires: number;
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string | undefined {
	const fromEnv = process.env.THERAPYNOTES_CHROMIUM_PATH;
	if (fromEnv) return fromEnv;
	return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

interface PlaywrightLike {
	chromium: {
		launch(options: { executablePath?: string; headless: boolean; args: string[] }): Promise<{
			newContext(): Promise<{ newPage(): Promise<BrowserPage>; cookies(): Promise<BrowserCookie[]> }>;
			close(): Promise<void>;
		}>;
	};
}

/** playwright-core is optional on an n8n host: load it only when a browser login is asked for. */
function loadPlaywright(): PlaywrightLike {
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy, optional dependency
		return require('playwright-core') as PlaywrightLike;
	} catch {
		throw new LoginError('browser-unavailable', 'playwright-core is not installed');
	}
}

/** Runs `drive` in a fresh headless Chromium and returns the cookies it ended with. */
export async function withChromium(drive: (page: BrowserPage) => Promise<void>): Promise<BrowserCookie[]> {
	const playwright = loadPlaywright();
	const executablePath = chromiumPath();
	if (!executablePath) throw new LoginError('browser-unavailable', 'no Chromium executable found');
	const browser = await playwright.chromium.launch({
		executablePath,
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		await drive(page);
		return await context.cookies();
	} finally {
		await browser.close();
	}
}
