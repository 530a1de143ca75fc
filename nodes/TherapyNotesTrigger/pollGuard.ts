/**
 * Polls of one trigger node that are running in this process. n8n starts a poll on schedule even
 * when the previous one is still waiting for a slow portal; both would read the same saved state
 * and emit the same changes, and a copay would be charged twice. Triggers run only in n8n's main
 * process (also in queue mode), so a guard per process is enough.
 */
const running = new Set<string>();

/** Runs `poll` unless a poll of the same workflow node is still running; then answers `skipped`. */
export async function unlessAlreadyPolling<T>(key: string, poll: () => Promise<T>, skipped: T): Promise<T> {
	if (running.has(key)) return skipped;
	running.add(key);
	try {
		return await poll();
	} finally {
		running.delete(key);
	}
}
