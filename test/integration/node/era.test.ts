import type { ICredentialDataDecryptedObject, INodeCredentialsDetails, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../../sandbox/server';
import type { Era } from '../../../sandbox/data/types';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../../helpers/n8n';
import { withSandbox } from '../../helpers/sandbox';
import { handlerHits, sandboxCredential, setFaults, stats } from './fixtures';

// The ERA resource of the TherapyNotes node run by n8n-core's WorkflowExecute against the sandbox.

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;

beforeEach(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	credential = await n8n.addCredential(sandboxCredential(sandbox) as ICredentialDataDecryptedObject);
});
afterEach(async () => {
	await sandbox.close();
});
afterAll(() => shutdownN8n());

const store = () => sandbox.state.store;
const era = (operation: string, parameters: INodeParameters = {}): INodeParameters => ({ resource: 'era', operation, ...parameters });
const run = (parameters: INodeParameters, continueOnFail = false) => n8n.runNode({ parameters, credential, continueOnFail });
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const receivedIn = (from: string, to: string) => [...store().eras.values()].filter((e) => e.receivedAt.slice(0, 10) >= from && e.receivedAt.slice(0, 10) <= to);

/** The newest generated ERA paying two claims or more. */
const generatedEra = (): Era => [...store().eras.values()].filter((e) => e.uploadedText === null && e.claimPayments.length >= 2).sort((a, b) => a.id - b.id).at(-1)!;

describe('era: list, get, detail', () => {
	test('get many by received date range: one item per ERA with its figures', async () => {
		const expected = receivedIn('2026-10-01', '2026-10-31');
		const result = await run(era('getMany', { receivedFrom: '2026-10-01T00:00:00', receivedTo: '2026-10-31T00:00:00', returnAll: true }));
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => i.json.id).sort()).toEqual(expected.map((e) => e.id).sort());
		const first = store().eras.get(result.items[0].json.id as number)!;
		expect(result.items[0].json).toMatchObject({ traceNumber: first.traceNumber, paymentAmountCents: first.amountCents, claimCount: first.claimPayments.length, status: 'unprocessed', receivedDate: first.receivedAt.slice(0, 10) });
		expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('get many with a range that ends before it starts fails naming the parameter, and nothing reaches the portal', async () => {
		await run(era('get', { eraId: String(generatedEra().id) })); // logged in, so a login cannot hide in the count
		const before = (await stats(sandbox)).totalRequests;
		const result = await run(era('getMany', { receivedFrom: '2026-10-31T00:00:00', receivedTo: '2026-10-01T00:00:00' }));
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'Nothing was sent to TherapyNotes.' });
		expect(result.error?.message).toBe("Invalid parameter 'filters.receivedTo': is before 'receivedFrom'");
		const reconcile = await run(era('reconcile', { reconcileBy: 'dateRange', receivedFrom: '2026-10-01T00:00:00', receivedTo: 'next week' }));
		expect(reconcile.error?.message).toBe("Invalid parameter 'range.receivedTo': must be a date like 2026-01-31");
		expect((await stats(sandbox)).totalRequests).toBe(before);
	});

	test('get: the ERA page’s facts', async () => {
		const record = generatedEra();
		const result = await run(era('get', { eraId: record.encryptedId }));
		expect(result.items[0].json).toEqual({
			id: record.id, encryptedId: record.encryptedId, payerId: null, payerName: store().payer(record.payerId)!.name, checkNumber: record.traceNumber, traceNumber: record.traceNumber,
			checkDate: record.checkDate, receivedDate: record.receivedAt.slice(0, 10), paymentAmountCents: record.amountCents, claimCount: record.claimPayments.length, status: 'unprocessed', source: null,
		});
	});

	test('get detail: Summary has the amounts but not the patients the 835 names; All Fields has them', async () => {
		const record = generatedEra();
		const summary = await run(era('getDetail', { eraId: String(record.id) }));
		const json = summary.items[0].json as { balanced: boolean; transactions: { claims: { patientControlNumber: string; paidCents: number; patient?: unknown }[] }[] };
		expect(json.balanced).toBe(true);
		expect(json.transactions[0].claims.map((c) => [c.patientControlNumber, c.paidCents])).toEqual(record.claimPayments.map((p) => [String(p.claimId), p.paidCents]));
		expect(json.transactions[0].claims.every((c) => c.patient === undefined)).toBe(true);
		const names = record.claimPayments.map((p) => store().patients.get(store().claims.get(p.claimId)!.patientId)!.lastName);
		for (const name of names) expect(JSON.stringify(summary.items)).not.toContain(`"${name}"`);
		const all = await run(era('getDetail', { eraId: String(record.id), output: 'all' }));
		expect(JSON.stringify(all.items)).toContain(`"${names[0]}"`);
	});

	test('an unknown ERA fails with NotFound', async () => {
		const result = await run(era('getDetail', { eraId: '99999999' }));
		expect(result.error).toMatchObject({ name: 'NodeOperationError', description: 'TherapyNotes code: NotFound' });
		expect(result.error?.message).toBe("TherapyNotes refused 'eras/view': The ERA could not be found.");
	});
});

describe('era: download, mark processed, reconcile', () => {
	test('download: the 835 as binary data ERA-<id>.835 (application/edi-x12), paired with its item', async () => {
		const record = generatedEra();
		const result = await run(era('download', { eraId: String(record.id) }));
		expect(result.error).toBeUndefined();
		const [item] = result.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toMatchObject({ eraId: record.id, fileName: `ERA-${record.id}.835`, mimeType: 'application/edi-x12' });
		const binary = item.binary!.data;
		expect(binary).toMatchObject({ fileName: `ERA-${record.id}.835`, mimeType: 'application/edi-x12' });
		const text = Buffer.from(binary.data, 'base64').toString('utf8');
		expect(text.startsWith('ISA*')).toBe(true);
		expect(text).toContain(`TRN*1*${record.traceNumber}*`);
		expect(item.json.sizeBytes).toBe(Buffer.byteLength(text));
	});

	test('mark processed, twice: the second says alreadyProcessed', async () => {
		const record = generatedEra();
		const first = await run(era('markProcessed', { eraId: String(record.id) }));
		expect(first.items[0].json).toEqual({ id: record.id, encryptedId: record.encryptedId, status: 'processed', alreadyProcessed: false, postedClaimIds: [] });
		expect(store().eras.get(record.id)!.status).toBe('Processed');
		const second = await run(era('markProcessed', { eraId: record.encryptedId }));
		expect(second.items[0].json).toMatchObject({ alreadyProcessed: true });
	});

	test('reconcile one ERA: matched claims with expected charge vs paid, figures equal to the records', async () => {
		const record = generatedEra();
		const result = await run(era('reconcile', { eraId: String(record.id) }));
		const json = result.items[0].json as { totals: Record<string, number>; matched: { claimId: number; expectedChargeCents: number; paidCents: number }[] };
		expect(json.matched.map((m) => [m.claimId, m.expectedChargeCents, m.paidCents])).toEqual(record.claimPayments.map((p) => [p.claimId, store().claims.get(p.claimId)!.chargeCents, p.paidCents]));
		expect(json.totals).toMatchObject({ claimCount: record.claimPayments.length, matchedCount: record.claimPayments.length, unmatchedCount: 0, paymentAmountCents: record.amountCents, paidCents: sum(record.claimPayments.map((p) => p.paidCents)) });
	});

	test('reconcile a date range: one item per ERA received in it', async () => {
		const expected = receivedIn('2026-11-01', '2026-11-14');
		const result = await run(era('reconcile', { reconcileBy: 'dateRange', receivedFrom: '2026-11-01T00:00:00', receivedTo: '2026-11-14T00:00:00' }));
		expect(result.items.map((i) => (i.json.era as { id: number }).id).sort()).toEqual(expected.map((e) => e.id).sort());
		expect(sum(result.items.map((i) => (i.json.totals as { paidCents: number }).paidCents))).toBe(sum(expected.flatMap((e) => e.claimPayments.map((p) => p.paidCents))));
	});
});

describe('era: portal 500', () => {
	test('without Continue On Fail: the download fails with the HTTP status after retries', async () => {
		await setFaults(sandbox, [{ handler: 'page/eradownload', fault: '5xx' }]);
		const result = await run(era('download', { eraId: String(generatedEra().id) }));
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500', context: { itemIndex: 0 } });
		expect(result.error?.message).toBe("TherapyNotes answered 'eras/download' with HTTP 500 (server error).");
		expect(await handlerHits(sandbox, 'page/eradownload')).toBe(5);
	});

	test('with Continue On Fail: the failed item is an error item without binary data, the other item gets its file', async () => {
		const record = generatedEra();
		await setFaults(sandbox, [{ handler: 'page/eradownload', fault: '5xx', count: 5 }]);
		const result = await n8n.runNode({ parameters: era('download', { eraId: '={{ $json.era }}' }), credential, continueOnFail: true, items: [{ era: record.id }, { era: record.id }] });
		expect(result.status).toBe('success');
		expect(result.items[0]).toEqual({ json: { error: "TherapyNotes answered 'eras/download' with HTTP 500 (server error).", details: null }, pairedItem: { item: 0 } });
		expect(result.items[1]).toMatchObject({ json: { eraId: record.id }, pairedItem: { item: 1 }, binary: { data: { fileName: `ERA-${record.id}.835` } } });
	});
});
