import './nodeFileResolution';
import { startSandbox } from '../sandbox/server';
import { createN8nHarness, shutdownN8n } from '../test/helpers/n8n';
import { PolledTrigger } from '../test/helpers/n8n/poll';
import { sandboxCredential } from '../test/integration/node/fixtures';
import { round } from './timing';

const POLLS = 100;
const EVENTS = ['appointmentStatusChanged', 'noteSigned', 'claimStatusChanged', 'eraReceived', 'patientCreated'];

/**
 * Idle polls the way an active workflow makes them in n8n: our trigger node in n8n-core's
 * PollContext, its credential (and so its session) in n8n's encrypted store, static data kept
 * between polls. Per event, from a new credential: 100 polls (the silent baseline, then 99 idle
 * ones) and the logins they cost; and the portal requests of an idle poll. The worst event counts.
 * A `solo` sandbox: the counts do not depend on the practice's size.
 */
export async function runPollBench() {
	const sandbox = await startSandbox({ seed: 4, size: 'solo', port: 0 });
	const n8n = createN8nHarness();
	try {
		let logins = 0;
		let requests = 0;
		for (const event of EVENTS) {
			// A credential of its own: its session starts empty, so the first poll logs in.
			const trigger = new PolledTrigger(n8n.credentialsHelper, { event }, await n8n.addCredential(sandboxCredential(sandbox), event));
			const loginsBefore = sandbox.state.stats.logins;
			if ((await trigger.poll()) !== null) throw new Error(`${event}: the first poll is a silent baseline`);
			const requestsBefore = sandbox.state.stats.snapshot().totalRequests as number;
			for (let i = 1; i < POLLS; i++) if ((await trigger.poll()) !== null) throw new Error(`${event}: an idle poll emitted`);
			logins = Math.max(logins, sandbox.state.stats.logins - loginsBefore);
			requests = Math.max(requests, ((sandbox.state.stats.snapshot().totalRequests as number) - requestsBefore) / (POLLS - 1));
		}
		return { logins_per_100_polls: logins, requests_per_idle_poll_n8n: round(requests, 2) };
	} finally {
		shutdownN8n();
		await sandbox.close();
	}
}
