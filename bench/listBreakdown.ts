import { startSandbox } from '../sandbox/server';
import { appointments as wire, therapyNotesProtocol } from '../lib/portal';
import { fetchTransport, PortalSession, type HttpRequest, type Transport } from '../lib/session';
import { undiciTransport } from '../lib/session/undiciTransport';
import { BareClient } from './bareClient';
import { frontDesk, ourClient, rangeHolding } from './fixtures';
import { median } from './stats';
import { timeOnce } from './timing';

/**
 * `npx tsx bench/listBreakdown.ts`: where the list's time goes, for a profile of list_ratio —
 * the bare request, each transport alone (same request, body as text), our parse of one answer
 * (JSON.parse + check + mapping), and the whole client call. Medians of 9 runs, milliseconds.
 */
async function main(): Promise<void> {
	const sandbox = await startSandbox({ seed: 1, size: 'clinic', port: 0 });
	try {
		const range = rangeHolding(sandbox, 10_000);
		const [call] = wire.scheduleCalls(range);
		const client = ourClient(sandbox);
		await client.appointments.list(range);
		const bare = await BareClient.login(sandbox);
		// A logged-in session's exact request, replayed through a bare transport.
		let captured: HttpRequest | undefined;
		const capture: Transport = async (req) => {
			captured = req;
			return undiciTransport(req);
		};
		const session = new PortalSession({ credentials: frontDesk(sandbox, 'clinician.9'), protocol: therapyNotesProtocol, requestsPerSecond: 1000, transport: capture });
		await session.request(call);
		const request = captured as HttpRequest;
		const response = await undiciTransport(request);
		const runs: Record<string, () => Promise<unknown>> = {
			bare_request_and_json_parse: () => bare.post(call.path, call.form ?? {}),
			undici_transport: () => undiciTransport(request),
			fetch_transport: () => fetchTransport(request),
			json_parse_only: async () => JSON.parse(response.body),
			our_parse_of_answer: async () => call.parse(response),
			client_list: () => client.appointments.list(range),
		};
		const result: Record<string, number> = { rows: range.count, body_kb: Math.round(response.body.length / 1024) };
		for (let round = 0; round < 2; round++) {
			for (const [name, run] of Object.entries(runs)) {
				const times: number[] = [];
				for (let i = 0; i < 9; i++) times.push(await timeOnce(run));
				result[name] = Math.round(median(times) * 10) / 10;
			}
		}
		process.stdout.write(`${JSON.stringify(result)}\n`);
		await bare.close();
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	process.stderr.write(`failed: ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
