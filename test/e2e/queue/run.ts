import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import { sandboxLogin } from '../actions';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { startSmtpCapture, type SmtpCapture } from '../fakes/smtp';
import { importCredentials, importWorkflows, n8n, tail, type RunningN8n } from '../lib/n8n';
import { freePort, ROOT, run } from '../lib/proc';
import { check, say, step, stepOk, summary } from '../lib/report';
import { loadExample } from '../recipe';
import { credentials } from '../lib/workflows';
import { queueCluster, type QueueCluster, type RunningWorker } from './cluster';
import { activePatients, loadPhase, workerLossPhase, type LoadFigures, type QueueRun } from './load';
import { duplicatesIn, paymentsByReference, sandboxStats } from './observe';
import { redisAvailable, startPostgres, startRedis, type RunningPostgres, type RunningService } from './services';
import { COPAY_RECIPE_ID, copayFixture, triggerPhase, waitForActivationPoll, type TriggerFigures } from './trigger';
import { asCustomExtension, LOAD_WORKFLOW_ID, loadWorkflow } from './workflows';

/**
 * `npm run e2e:queue`: our package in n8n 2.40.7 queue mode: Redis, PostgreSQL, one main, two
 * workers, one credential whose session starts empty. (2) 50 executions at once, (3) a worker
 * killed mid-load, (4) the Note Signed → copay recipe with a poll that overlaps a slow answer.
 * Last line: `QUEUE workers=2 executions=50 logins=<n> duplicate_writes=<n> duplicate_events=<n>`.
 */

const WORK = join(ROOT, '.tmp', 'e2e-queue');
const APT = 'apt-get install -y redis-server postgresql';
const DIST = join(WORK, 'dist');
const BUNDLES = ['credentials/TherapyNotesApi.credentials.js', 'nodes/TherapyNotes/TherapyNotes.node.js', 'nodes/TherapyNotesTrigger/TherapyNotesTrigger.node.js'];

interface Services {
	redis?: RunningService;
	pg?: RunningPostgres;
	sandbox?: RunningSandbox;
	stripe?: FakeStripe;
	smtp?: SmtpCapture;
	main?: RunningN8n;
	workers: RunningWorker[];
}

/** `npx tsx test/e2e/queue/run.ts trigger` (or `load`, `loss`) runs only those parts. */
const ONLY = process.argv.slice(2);
const wanted = (part: string) => ONLY.length === 0 || ONLY.includes(part);

async function prepare(): Promise<void> {
	check(redisAvailable() && existsSync('/usr/lib/postgresql'), `redis-server or PostgreSQL is missing: ${APT}`);
	const installed = await run('bash', [join(ROOT, 'scripts', 'install-n8n.sh')], { timeoutMs: 20 * 60_000, echo: true });
	check(installed.code === 0, `install-n8n.sh exited ${installed.code}: ${tail(installed.stderr)}`);
	const built = await run('npm', ['run', 'build', '--silent'], { timeoutMs: 300_000 });
	check(built.code === 0, `npm run build exited ${built.code}: ${tail(built.stderr || built.stdout)}`);
	// Others rebuild dist/ while this runs; n8n loading a half-written bundle fails. Our own copy.
	rmSync(DIST, { recursive: true, force: true });
	cpSync(join(ROOT, 'dist'), DIST, { recursive: true });
	for (const file of BUNDLES) check(existsSync(join(DIST, file)), `dist/${file} is missing after the build`);
}

async function publish(cluster: QueueCluster, id: string): Promise<void> {
	const published = await n8n(cluster.folder('cli'), ['publish:workflow', `--id=${id}`]);
	check(published.code === 0, `publish:workflow ${id} exited ${published.code}: ${tail(published.stderr || published.stdout)}`);
}

async function startCluster(s: Services): Promise<QueueRun> {
	s.redis = await startRedis(await freePort());
	s.pg = await startPostgres(join(WORK, 'pg'), await freePort());
	s.sandbox = await startSandbox({ port: 0, size: 'group', seed: 1 });
	s.stripe = await startFakeStripe();
	s.smtp = await startSmtpCapture();
	say(`  redis :${s.redis.port}, postgres :${s.pg.port}, sandbox ${s.sandbox.url}`);
	const cluster = queueCluster(WORK, s.redis, s.pg, DIST);
	const cli = cluster.folder('cli');
	await importCredentials(cli, credentials(sandboxLogin(s.sandbox), { stripeKey: s.stripe.apiKey, smtpPort: s.smtp.port }));
	await importWorkflows(cli, [loadWorkflow(), asCustomExtension(loadExample('copay-on-note-signed.json', s.stripe.url))]);
	await publish(cluster, LOAD_WORKFLOW_ID);
	s.main = await cluster.startMain();
	s.workers = await Promise.all([cluster.startWorker('worker-1'), cluster.startWorker('worker-2')]);
	return { sandbox: s.sandbox, pg: s.pg, cluster, main: s.main, workers: s.workers, tag: Date.now().toString(36), references: [] };
}

/** The main owns triggers: it restarts to activate the recipe (publish:workflow acts on the database). */
async function restartMainWithRecipe(s: Services, q: QueueRun): Promise<void> {
	await s.main?.stop();
	await publish(q.cluster, COPAY_RECIPE_ID);
	const polls = (await sandboxStats(q.sandbox)).requests['notes/list'] ?? 0;
	s.main = await q.cluster.startMain();
	q.main = s.main;
	await waitForActivationPoll(q.sandbox, polls);
}

async function stopAll(s: Services): Promise<void> {
	await Promise.all(s.workers.map((w) => w.stop().catch(() => undefined)));
	await s.main?.stop().catch(() => undefined);
	await Promise.all([s.redis?.stop(), s.pg?.stop(), s.sandbox?.close(), s.stripe?.close(), s.smtp?.close()].map((p) => p?.catch(() => undefined)));
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	mkdirSync(WORK, { recursive: true });
	const s: Services = { workers: [] };
	let load: LoadFigures | undefined;
	let duplicateEvents = 0;
	let duplicateWrites = 0;
	let logins = -1;
	try {
		const ready = await stepOk('prepare: redis-server and PostgreSQL present, pinned n8n installed, dist/ built', prepare);
		if (!ready) throw new Error('cannot continue');
		const q = await step('start Redis, PostgreSQL, the sandbox, fakes; import; n8n main + 2 workers in queue mode', () => startCluster(s));
		if (!q) throw new Error('the queue-mode cluster did not start');
		const patients = await activePatients(q.sandbox, 50);
		if (wanted('load')) load = await step('(2) 50 webhook executions at once, one credential with an empty session: both workers, one login, each payment once', () => loadPhase(q, patients));
		if (load) say(`  ${load.executions} executions in ${load.seconds.toFixed(1)} s; per worker ${JSON.stringify(load.perWorker)}; ${load.requests} portal requests = ${load.requestsPerSecond.toFixed(1)} requests/s for the one credential`);
		if (wanted('loss')) await step('(3) SIGKILL a worker mid-load: its executions end crashed/failed, none applied twice; resent, each payment exists once', () => workerLossPhase(q, patients.slice(0, 30)));
		const fixture = wanted('trigger') && (await step('(4) fixture: 20 sessions today with draft notes, primary copays, cards in the fake Stripe', () => copayFixture(q.sandbox, s.stripe as FakeStripe)));
		const active = fixture && (await stepOk('(4) restart the main with the copay recipe active; its activation poll', () => restartMainWithRecipe(s, q)));
		if (fixture && active) {
			let trigger: TriggerFigures | undefined;
			await step('(4) sign 20 notes, one poll held 80 s: exactly 20 events (one per note) and 20 PaymentIntents', () => triggerPhase(q, s.stripe as FakeStripe, fixture, (f) => (trigger = f)));
			duplicateEvents = trigger?.duplicateEvents ?? 0;
			duplicateWrites += trigger?.duplicateWrites ?? 0;
		}
		duplicateWrites += duplicatesIn(await paymentsByReference(q.sandbox, q.references));
		const stats = await sandboxStats(q.sandbox);
		logins = stats.logins;
		await step('whole run: exactly one login, no session ended by another login', async () => {
			check(stats.logins === 1 && stats.sessionsEndedByOtherLogin === 0, `logins ${stats.logins} (attempts ${stats.loginAttempts}), ended by another login ${stats.sessionsEndedByOtherLogin}, requests with an ended session ${stats.requestsWithEndedSession}`);
		});
	} catch (error) {
		await step('e2e:queue setup', () => Promise.reject(error));
	} finally {
		await stopAll(s);
	}
	const { failed, line } = summary(startedAt);
	say(line);
	say(`QUEUE workers=2 executions=${load?.executions ?? 0} logins=${logins} duplicate_writes=${duplicateWrites} duplicate_events=${duplicateEvents}`);
	const complete = ONLY.length > 0 || load?.executions === 50;
	process.exit(failed === 0 && logins === 1 && duplicateWrites === 0 && duplicateEvents === 0 && complete ? 0 : 1);
}

void main();
