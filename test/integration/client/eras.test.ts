import type { RunningSandbox } from '../../../sandbox/server';
import type { Claim as SandboxClaim, Era } from '../../../sandbox/data/types';
import { write835 } from '../../../sandbox/x12/write835';
import type { ClaimPayment } from '../../../sandbox/x12/model';
import { admin, loggedInClient, withSandbox } from '../../helpers/sandbox';
import { credentialsFor } from '../../helpers/session';
import { createStandaloneClient, InvalidInputError, PortalChangedError, PortalRefusalError, type TherapyNotesClient } from '../../../lib/client';
import { tokenize } from '../../../lib/x12';

/**
 * The ERA client against the sandbox over real HTTP. Expected figures are computed here from the
 * sandbox's own records (era.claimPayments, claims), independently of our 835 parser.
 */
let sandbox: RunningSandbox;
let client: TherapyNotesClient;

beforeEach(async () => {
	sandbox = await withSandbox();
	client = createStandaloneClient({ credentials: credentialsFor(sandbox, 'plain'), requestsPerSecond: 200, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
});
afterEach(async () => {
	await sandbox.close();
});

const store = () => sandbox.state.store;
const stats = () => admin(sandbox, 'GET', 'stats');
const hits = async (handler: string) => Number((await stats()).requests?.[handler] ?? 0);
const totalRequests = async () => Number((await stats()).totalRequests);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const eras = () => [...store().eras.values()];
const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
const receivedIn = (from: string, to: string) => eras().filter((e) => e.receivedAt.slice(0, 10) >= from && e.receivedAt.slice(0, 10) <= to);

/** The newest generated ERA that pays at least two claims and denies none (or denies one, when asked). */
function generatedEra(withDenial = false): Era {
	return eras()
		.filter((e) => e.uploadedText === null && e.claimPayments.length >= 2 && e.claimPayments.some((p) => p.statusCode === '4') === withDenial)
		.sort(byId)
		.at(-1)!;
}

/** What reconciliation must report for an ERA, from the sandbox's records alone. */
function expectedMatches(era: Era) {
	return era.claimPayments.map((p) => {
		const claim = store().claims.get(p.claimId)!;
		return {
			claimId: claim.id, patientControlNumber: String(claim.id), statusCode: p.statusCode, expectedChargeCents: claim.chargeCents, chargedCents: p.chargeCents,
			paidCents: p.paidCents, patientResponsibilityCents: p.patientResponsibilityCents, posted: claim.eraId === era.id,
			lines: [expect.objectContaining({ lineControlNumber: `${claim.id}-1`, expectedChargeCents: claim.chargeCents, chargedCents: p.chargeCents, paidCents: p.paidCents, adjustments: p.adjustments.map((a) => ({ ...a, quantity: null })) })],
		};
	});
}

describe('eras: list and get', () => {
	test('by received date range, all pages or a limit, newest first, figures equal the records', async () => {
		const expected = receivedIn('2026-06-01', '2026-10-31');
		const all = await client.eras.list({ receivedFrom: '2026-06-01', receivedTo: '2026-10-31' });
		expect(all.map((e) => e.id).sort((a, b) => a - b)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
		expect(await hits('eras/search')).toBe(Math.ceil(expected.length / 20));
		expect([...all.map((e) => e.receivedDate)].sort().reverse()).toEqual(all.map((e) => e.receivedDate));
		const record = store().eras.get(all[3].id)!;
		expect(all[3]).toEqual({
			id: record.id, encryptedId: record.encryptedId, payerId: record.payerId, payerName: store().payer(record.payerId)!.name, checkNumber: record.traceNumber, traceNumber: record.traceNumber,
			checkDate: record.checkDate, receivedDate: record.receivedAt.slice(0, 10), paymentAmountCents: record.amountCents, claimCount: record.claimPayments.length, status: 'unprocessed', source: 'electronic',
		});
		const limited = await client.eras.list({ receivedFrom: '2026-06-01', receivedTo: '2026-10-31', limit: 21 });
		expect(limited.map((e) => e.id)).toEqual(all.slice(0, 21).map((e) => e.id));
		expect(await client.eras.list({ status: 'processed' })).toEqual([]);
	});

	test('get: payer, trace number, dates, amount, claim count and status from the ERA page, by either id', async () => {
		const era = generatedEra();
		const summary = await client.eras.get(era.encryptedId);
		expect(summary).toEqual({
			id: era.id, encryptedId: era.encryptedId, payerId: null, payerName: store().payer(era.payerId)!.name, checkNumber: era.traceNumber, traceNumber: era.traceNumber,
			checkDate: era.checkDate, receivedDate: era.receivedAt.slice(0, 10), paymentAmountCents: era.amountCents, claimCount: era.claimPayments.length, status: 'unprocessed', source: null,
		});
		expect(await client.eras.get(String(era.id))).toEqual(summary);
		expect(await hits('page/eraview')).toBe(2);
	});

	test('an unknown ERA is NotFound; a bad range or id fails naming the field with no request', async () => {
		await expect(client.eras.get(99999999)).rejects.toMatchObject({ code: 'NotFound', handler: 'eras/view' });
		await expect(client.eras.download(99999999)).rejects.toBeInstanceOf(PortalRefusalError);
		const before = await totalRequests();
		await expect(client.eras.list({ receivedFrom: '2026-10-31', receivedTo: '2026-10-01' })).rejects.toThrow("'filters.receivedTo' is before 'receivedFrom'");
		await expect(client.eras.reconcileRange({ receivedFrom: '2026-10-01', receivedTo: '10/31/2026' })).rejects.toThrow("'range.receivedTo' must be a date like 2026-01-31");
		await expect(client.eras.get('../etc')).rejects.toBeInstanceOf(InvalidInputError);
		expect(await totalRequests()).toBe(before);
	});

	test('a changed ERA page is reported naming the page and the missing marker', async () => {
		await admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'page/eraview', fault: 'drift' }] });
		const error = await client.eras.get(generatedEra().id).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(PortalChangedError);
		expect(error).toMatchObject({ handler: 'eras/view', field: 'era-detail' });
	});
});

describe('eras: detail, download, mark processed', () => {
	test('detail: the 835 parsed, in cents, balanced, equal to the ERA record', async () => {
		const era = generatedEra(true);
		const detail = await client.eras.getDetail(era.id);
		expect(detail).toMatchObject({ balanced: true, problems: [], era: { id: era.id, traceNumber: era.traceNumber } });
		expect(detail.transactions).toHaveLength(1);
		const [t] = detail.transactions;
		expect(t.payment).toMatchObject({ amountCents: era.amountCents, traceNumber: era.traceNumber, date: era.checkDate });
		expect(t.payee.npi).toBe(store().practice.npi);
		expect(t.claims.map((c) => [c.patientControlNumber, c.statusCode, c.chargeCents, c.paidCents, c.patientResponsibilityCents])).toEqual(
			era.claimPayments.map((p) => [String(p.claimId), p.statusCode, p.chargeCents, p.paidCents, p.patientResponsibilityCents]),
		);
		expect(t.claims.map((c) => c.serviceLines[0].adjustments.map((a) => [a.group, a.reason, a.amountCents]))).toEqual(era.claimPayments.map((p) => p.adjustments.map((a) => [a.group, a.reason, a.amountCents])));
	});

	test('download: the raw 835 text, whose BPR and TRN are the record\'s', async () => {
		const era = generatedEra();
		const file = await client.eras.download(era.encryptedId);
		expect(file).toMatchObject({ eraId: era.encryptedId, fileName: `ERA-${era.encryptedId}.835`, mimeType: 'application/edi-x12' });
		const segments = tokenize(file.text).segments;
		expect(Math.round(Number(segments.find((s) => s.id === 'BPR')!.elements[2]) * 100)).toBe(era.amountCents);
		expect(segments.find((s) => s.id === 'TRN')!.elements[2]).toBe(era.traceNumber);
		expect(await hits('page/eradownload')).toBe(1);
	});

	test('mark processed, then again: the second says alreadyProcessed and changes nothing', async () => {
		const era = generatedEra();
		expect(await client.eras.markProcessed(era.encryptedId)).toEqual({ id: era.id, encryptedId: era.encryptedId, status: 'processed', alreadyProcessed: false, postedClaimIds: [] });
		expect((await admin(sandbox, 'GET', `records/eras?id=${era.id}`)).rows[0].status).toBe('Processed');
		expect(await client.eras.markProcessed(era.id)).toMatchObject({ status: 'processed', alreadyProcessed: true });
		expect((await client.eras.list({ status: 'processed' })).map((e) => e.id)).toEqual([era.id]);
	});

	test('mark processed is retried on a portal 500, being safe to repeat', async () => {
		const era = generatedEra();
		await admin(sandbox, 'POST', 'faults', { rules: [{ handler: 'eras/markprocessed', fault: '5xx', count: 2 }] });
		expect(await client.eras.markProcessed(era.id)).toMatchObject({ status: 'processed', alreadyProcessed: false });
		expect(await hits('eras/markprocessed')).toBe(3);
	});
});

describe('eras: reconcile', () => {
	test('a generated ERA: every claim matched, figures equal the records, a denial reported as such', async () => {
		const era = generatedEra(true);
		const report = await client.eras.reconcile(era.id);
		expect(report.matched).toEqual(expectedMatches(era).map((m) => expect.objectContaining(m)));
		expect(report.unmatched).toEqual([]);
		const denied = era.claimPayments.filter((p) => p.statusCode === '4');
		expect(report.discrepancies).toEqual(denied.map((p) => ({ kind: 'denied', claimId: p.claimId, lineControlNumber: null, expected: p.chargeCents, actual: 0, amountCents: p.chargeCents })));
		expect(report.totals).toEqual({
			claimCount: era.claimPayments.length, matchedCount: era.claimPayments.length, unmatchedCount: 0, discrepancyCount: denied.length, paymentAmountCents: era.amountCents,
			expectedChargeCents: sum(era.claimPayments.map((p) => store().claims.get(p.claimId)!.chargeCents)), chargedCents: sum(era.claimPayments.map((p) => p.chargeCents)),
			paidCents: sum(era.claimPayments.map((p) => p.paidCents)), patientResponsibilityCents: sum(era.claimPayments.map((p) => p.patientResponsibilityCents)), underpaidCents: 0, providerAdjustmentCents: 0,
		});
		expect(report.balanced).toBe(true);
		expect(await hits('claims/get')).toBe(era.claimPayments.length);
	});

	test('an uploaded ERA: an unknown claim number, an underpaid line and a charge mismatch, to the cent', async () => {
		const [under, over] = [...store().claims.values()].filter((c) => c.status === 'Accepted').slice(0, 2);
		const text = uploaded835([
			payment(under, under.chargeCents, [{ group: 'CO', reason: '45', amountCents: 3000 }, { group: 'OA', reason: '23', amountCents: 1234 }]),
			payment(over, over.chargeCents + 1000, [{ group: 'CO', reason: '45', amountCents: 4000 }, { group: 'PR', reason: '3', amountCents: 2000 }]),
			{ ...payment(under, 9900, [{ group: 'CO', reason: '45', amountCents: 900 }]), patientControlNumber: 'X99999' },
		]);
		const raw = await loggedInClient(sandbox, 'supervised');
		const stored = await raw.call('/app/billing/eras/uploadera.aspx', 2, { filename: 'remit.835', content: text });
		expect(stored).toMatchObject({ Success: true, UnknownClaimNumbers: ['X99999'] });
		const eraId = (stored.ERAs as { ID: number }[])[0].ID;

		const report = await client.eras.reconcile(eraId);
		const underPaid = under.chargeCents - 3000 - 1234;
		expect(report.unmatched).toEqual([{ patientControlNumber: 'X99999', statusCode: '1', chargeCents: 9900, paidCents: 9000, patientResponsibilityCents: 0, payerClaimNumber: 'PAYER-X99999', patient: { lastName: 'SAMPLE', firstName: 'PAT', memberId: 'M1' } }]);
		expect(report.matched.map((m) => [m.claimId, m.expectedChargeCents, m.chargedCents, m.paidCents, m.patientResponsibilityCents, m.posted])).toEqual([
			[under.id, under.chargeCents, under.chargeCents, underPaid, 0, false],
			[over.id, over.chargeCents, over.chargeCents + 1000, over.chargeCents + 1000 - 6000, 2000, false],
		]);
		expect(report.matched[0].lines[0]).toMatchObject({ expectedPaidCents: under.chargeCents - 3000, underpaidCents: 1234, contractualCents: 3000, otherAdjustmentCents: 1234 });
		expect(report.discrepancies).toEqual([
			{ kind: 'underpaid', claimId: under.id, lineControlNumber: `${under.id}-1`, expected: under.chargeCents - 3000, actual: underPaid, amountCents: 1234 },
			{ kind: 'claim-charge-mismatch', claimId: over.id, lineControlNumber: null, expected: over.chargeCents, actual: over.chargeCents + 1000, amountCents: -1000 },
			{ kind: 'line-charge-mismatch', claimId: over.id, lineControlNumber: `${over.id}-1`, expected: over.chargeCents, actual: over.chargeCents + 1000, amountCents: -1000 },
		]);
		expect(report.totals).toMatchObject({ claimCount: 3, matchedCount: 2, unmatchedCount: 1, discrepancyCount: 3, underpaidCents: 1234, paymentAmountCents: underPaid + over.chargeCents + 1000 - 6000 + 9000 });
	});

	test('a date range: each ERA reconciled, grand totals equal the records\' sums', async () => {
		const expected = receivedIn('2026-11-01', '2026-11-14');
		expect(expected.length).toBeGreaterThan(1);
		const result = await client.eras.reconcileRange({ receivedFrom: '2026-11-01', receivedTo: '2026-11-14' });
		expect(result.eras.map((r) => r.era.id).sort((a, b) => a - b)).toEqual(expected.map((e) => e.id).sort((a, b) => a - b));
		const payments = expected.flatMap((e) => e.claimPayments);
		expect(result.totals).toMatchObject({
			eraCount: expected.length, claimCount: payments.length, matchedCount: payments.length, unmatchedCount: 0,
			paymentAmountCents: sum(expected.map((e) => e.amountCents)), paidCents: sum(payments.map((p) => p.paidCents)),
			patientResponsibilityCents: sum(payments.map((p) => p.patientResponsibilityCents)), expectedChargeCents: sum(payments.map((p) => store().claims.get(p.claimId)!.chargeCents)),
		});
		for (const report of result.eras) expect(report.matched).toEqual(expectedMatches(store().eras.get(report.era.id)!).map((m) => expect.objectContaining(m)));
		expect(await hits('page/eraview')).toBe(0);
		expect(await hits('page/eradownload')).toBe(expected.length);
	});
});

/** A claim payment of one line that balances: charge − adjustments = paid. */
function payment(claim: SandboxClaim, chargeCents: number, adjustments: { group: string; reason: string; amountCents: number }[]): ClaimPayment {
	const paidCents = chargeCents - sum(adjustments.map((a) => a.amountCents));
	const patientCents = sum(adjustments.filter((a) => a.group === 'PR').map((a) => a.amountCents));
	const appointment = store().appointments.get(claim.appointmentId)!;
	return {
		patientControlNumber: String(claim.id), statusCode: '1', chargeCents, paidCents, patientResponsibilityCents: patientCents, filingIndicator: 'CI',
		payerClaimNumber: `PAYER-${claim.id}`, facilityCode: null, frequency: null, patient: { lastName: 'SAMPLE', firstName: 'PAT', memberId: 'M1' }, adjustments: [],
		lines: [{ code: claim.serviceCode ?? appointment.serviceCode, modifiers: [], chargeCents, paidCents, units: 1, serviceDate: appointment.start.slice(0, 10), adjustments, controlNumber: `${claim.id}-1` }],
	};
}

function uploaded835(claims: ClaimPayment[]): string {
	const payer = store().payer(1)!;
	const fixed = claims.map((c) => (c.patientControlNumber === 'X99999' ? { ...c, payerClaimNumber: 'PAYER-X99999', lines: c.lines.map((l) => ({ ...l, controlNumber: null })) } : c));
	return write835({
		senderId: payer.electronicPayerId, receiverId: store().practice.npi, controlNumber: 77, createdAt: '2026-11-25T08:00', usage: 'T',
		remittances: [{
			traceNumber: 'RECON-TEST-1', originatorId: '1999999999', paymentCents: sum(claims.map((c) => c.paidCents)), paymentDate: '2026-11-25',
			payer: { name: payer.name, electronicId: payer.electronicPayerId, address: null, contactPhone: null },
			payee: { name: store().practice.name, npi: store().practice.npi, taxId: null, address: null },
			claims: fixed, providerAdjustmentCents: [],
		}],
	});
}
