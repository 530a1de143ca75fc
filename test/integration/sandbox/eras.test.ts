import { X12Parser } from 'node-x12';
import type { RunningSandbox } from '../../../sandbox/server';
import type { RawPortalClient } from '../../helpers/portalClient';
import type { Era } from '../../../sandbox/data/types';
import type { AuditEntry } from '../../../sandbox/data/store';
import { admin, loggedInClient, sandboxDay, withSandbox } from '../../helpers/sandbox';
import { read835 } from '../../../sandbox/x12/read835';
import { write835 } from '../../../sandbox/x12/write835';
import { balanceProblems } from '../../../sandbox/x12/balance';
import { formatAmount, parseAmount } from '../../../sandbox/x12/amounts';
import { toPortalDate } from '../../../sandbox/util/dates';

/** ERAs over real HTTP: search, the view page, the 835 download and upload, posting. */
const SEARCH = '/app/billing/eras/searcheras.aspx';
const UPLOAD = '/app/billing/eras/uploadera.aspx';
const PROCESS = '/app/billing/eras/markprocessed.aspx';
const GET_CLAIM = '/app/billing/claims/loadclaim.aspx';

let sandbox: RunningSandbox;
let client: RawPortalClient;
beforeEach(async () => {
	sandbox = await withSandbox();
	client = await loggedInClient(sandbox, 'plain');
});
afterEach(() => sandbox.close());

const store = () => sandbox.state.store;
const eraRecord = async (id: number): Promise<Era> => (await admin(sandbox, 'GET', `records/eras?id=${id}`)).rows[0];
const search = (fields: Record<string, string>) => client.call(SEARCH, 3, fields);
const upload = (content: string) => client.call(UPLOAD, 2, { filename: 'remit.835', content });

async function download(id: number): Promise<string> {
	const response = await client.request('GET', `/app/billing/eras/download/${id}/`);
	expect(response.status).toBe(200);
	expect(response.headers.get('content-type')).toMatch(/^application\/edi-x12/);
	return response.text();
}

async function viewLines(ref: number | string): Promise<{ html: string; lines: Record<string, string>[] }> {
	const response = await client.request('GET', `/app/billing/eras/view/${ref}/`);
	expect(response.status).toBe(200);
	const html = await response.text();
	const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
	const lines = [...html.matchAll(/<tr data-testid="era-claim-line"[^>]*>(.*?)<\/tr>/g)].map((row) =>
		Object.fromEntries([...row[1].matchAll(/<td data-testid="([^"]+)">(.*?)<\/td>/g)].map((c) => [c[1], decode(c[2])])),
	);
	return { html, lines };
}

/** The fields of an ERA row these tests read. */
interface EraRow {
	ID: number;
	EncryptedID: string;
	ReceivedDate: string;
	TraceNumber: string;
}
const eraRows = (answer: Record<string, unknown>) => answer.ERAs as EraRow[];

/** Hand-rolled reading of the file, independent of the sandbox's reader. */
const segmentsOf = (text: string) => text.split('~').map((s) => s.trim()).filter(Boolean).map((s) => s.split('*'));
const cents = (amount: string) => Math.round(Number(amount) * 100);
/** The portal date an ERA received now is filed under. */
const receivedToday = () => toPortalDate(sandbox.state.nowIso());

/** The newest generated ERA that pays at least two claims. */
function generatedEra(): Era {
	return [...store().eras.values()].filter((e) => e.uploadedText === null && e.claimPayments.length >= 2).sort((a, b) => b.id - a.id)[0];
}

describe('searching ERAs (searcheras.aspx?msg=3)', () => {
	test('by received date range, newest first, 20 a page, pages that do not overlap', async () => {
		const [from, to] = [sandboxDay(sandbox, -178), sandboxDay(sandbox, -26)];
		const range = { receiveddaterangestart: toPortalDate(from).replace(/^0/, ''), receiveddaterangeend: toPortalDate(to) };
		const expected = [...store().eras.values()].filter((e) => e.receivedAt >= from && e.receivedAt < sandboxDay(sandbox, -25)).length;
		const first = await search({ ...range, page: '1' });
		const second = await search({ ...range, page: '2' });
		expect(first.TotalCount).toBe(expected);
		expect(first.PageCount).toBe(Math.ceil(expected / 20));
		const rows = [...eraRows(first), ...eraRows(second)];
		expect(rows).toHaveLength(40);
		expect(new Set(rows.map((r) => r.ID)).size).toBe(40);
		const days = rows.map((r) => `${r.ReceivedDate.slice(6)}-${r.ReceivedDate.slice(0, 2)}-${r.ReceivedDate.slice(3, 5)}`);
		expect(days.every((d) => d >= from && d <= to)).toBe(true);
		expect([...days].sort().reverse()).toEqual(days);
		const sample = rows[0];
		const record = await eraRecord(sample.ID);
		expect(sample).toMatchObject({ EncryptedID: record.encryptedId, TraceNumber: record.traceNumber, CheckNumber: record.traceNumber, PaymentAmount: record.amountCents / 100, ClaimCount: record.claimPayments.length, Status: 'Unprocessed' });
	});

	test('status filter and bad fields', async () => {
		expect((await search({ status: 'processed' })).ERAs).toEqual([]);
		expect(eraRows(await search({ status: 'Unprocessed' })).length).toBe(20);
		expect(await search({ status: 'lost' })).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining("'status'") });
		expect(await search({ receiveddaterangestart: '13/1/2026' })).toMatchObject({ Success: false, ErrorMessage: expect.stringContaining('receiveddaterangestart') });
		expect(await search({ page: '0' })).toMatchObject({ Success: false });
	});
});

describe('the ERA view page (/app/billing/eras/view/<ID>/)', () => {
	test('one data-testid row per claim with amounts equal to the ERA record', async () => {
		const era = generatedEra();
		const record = await eraRecord(era.id);
		const { html, lines } = await viewLines(era.id);
		expect(html).toContain(`data-testid="era-payment-amount">${formatAmount(record.amountCents)}<`);
		expect(html).toContain(`data-testid="era-trace-number">${record.traceNumber}<`);
		expect(lines).toHaveLength(record.claimPayments.length);
		record.claimPayments.forEach((payment, i) => {
			const claim = store().claims.get(payment.claimId)!;
			const patient = store().patients.get(claim.patientId)!;
			const appointment = store().appointments.get(claim.appointmentId)!;
			expect(lines[i]).toMatchObject({
				'era-claim-number': String(payment.claimId),
				'era-payer': store().payer(record.payerId)!.name,
				'era-patient': `${patient.lastName}, ${patient.firstName}`,
				'era-service-code': claim.serviceCode ?? appointment.serviceCode,
				'era-service-date': `${appointment.start.slice(5, 7)}/${appointment.start.slice(8, 10)}/${appointment.start.slice(0, 4)}`,
				'era-charged': formatAmount(payment.chargeCents),
				'era-paid': formatAmount(payment.paidCents),
				'era-patient-amount': formatAmount(payment.patientResponsibilityCents),
				'era-adjustments': payment.adjustments.map((a) => `${a.group}-${a.reason} ${formatAmount(a.amountCents)}`).join('; '),
			});
		});
		expect((await viewLines(era.encryptedId)).lines).toHaveLength(lines.length);
		expect((await client.request('GET', '/app/billing/eras/view/99999999/')).status).toBe(404);
	});
});

describe('the 835 download', () => {
	test('is a valid 005010X221A1 interchange that balances, by hand and by the reader', async () => {
		const era = generatedEra();
		const record = await eraRecord(era.id);
		const text = await download(era.id);
		expect(text.slice(0, text.indexOf('~') + 1)).toHaveLength(106);
		const segments = segmentsOf(text);
		const ids = segments.map((s) => s[0]);
		expect(ids.slice(0, 4)).toEqual(['ISA', 'GS', 'ST', 'BPR']);
		expect(ids.slice(-3)).toEqual(['SE', 'GE', 'IEA']);
		expect(segments[1][8]).toBe('005010X221A1');
		const bpr = segments.find((s) => s[0] === 'BPR')!;
		expect(cents(bpr[2])).toBe(record.amountCents);
		expect(bpr[16]).toBe(record.checkDate.replace(/-/g, ''));
		expect(segments.find((s) => s[0] === 'TRN')![2]).toBe(record.traceNumber);
		expect(segments.find((s) => s[0] === 'N1' && s[1] === 'PE')!.slice(3, 5)).toEqual(['XX', store().practice.npi]);
		// Σ CLP04 = BPR02, and per claim CLP03 − Σ CAS = CLP04, summed by hand.
		const claims: { clp: string[]; cas: number }[] = [];
		for (const s of segments) {
			if (s[0] === 'CLP') claims.push({ clp: s, cas: 0 });
			if (s[0] === 'CAS') for (let i = 3; i < s.length; i += 3) claims[claims.length - 1].cas += cents(s[i]);
		}
		expect(claims).toHaveLength(record.claimPayments.length);
		expect(claims.reduce((sum, c) => sum + cents(c.clp[4]), 0)).toBe(cents(bpr[2]));
		for (const c of claims) expect(cents(c.clp[3]) - c.cas).toBe(cents(c.clp[4]));
		const se = segments.find((s) => s[0] === 'SE')!;
		expect(Number(se[1])).toBe(ids.lastIndexOf('SE') - ids.indexOf('ST') + 1);

		const read = read835(text);
		expect(read.remittances).toHaveLength(1);
		expect(balanceProblems(read.remittances[0])).toEqual([]);
		expect(read.remittances[0].claims.map((c) => c.paidCents)).toEqual(record.claimPayments.map((p) => p.paidCents));
		expect(() => new X12Parser(true).parse(text)).not.toThrow();
	});

	test('amounts are written and read in whole cents', () => {
		expect([0, 5, 99, 100, 12345, -150, 100000001].map(formatAmount)).toEqual(['0.00', '0.05', '0.99', '1.00', '123.45', '-1.50', '1000000.01']);
		expect(['123.45', '123', '.5', '-10.00', '12.340', '0.10'].map(parseAmount)).toEqual([12345, 12300, 50, -1000, 1234, 10]);
		expect(['12.345', '1e3', '', '.', 'abc'].map(parseAmount)).toEqual([null, null, null, null, null]);
	});
});

describe('uploading an 835', () => {
	test('stores an ERA once; the same trace number again is discarded as a duplicate', async () => {
		const original = generatedEra();
		const text = await download(original.id);
		expect(await upload(text)).toMatchObject({ Success: true, Duplicate: true, ERAs: [], Duplicates: [{ TraceNumber: original.traceNumber, ExistingID: original.id }] });

		const firstClaim = original.claimPayments[0].claimId;
		const edited = text.replace(`TRN*1*${original.traceNumber}*`, 'TRN*1*UPLOAD-0001*').replace(`CLP*${firstClaim}*`, 'CLP*X99999*');
		const stored = await upload(edited);
		expect(stored).toMatchObject({ Success: true, Duplicate: false, Duplicates: [], UnknownClaimNumbers: ['X99999'] });
		const era = eraRows(stored)[0];
		expect(era).toMatchObject({ TraceNumber: 'UPLOAD-0001', PaymentAmount: original.amountCents / 100, ClaimCount: original.claimPayments.length, Source: 'Upload', Status: 'Unprocessed' });
		const found = await search({ receiveddaterangestart: receivedToday(), receiveddaterangeend: receivedToday() });
		expect(found.ERAs).toContainEqual(expect.objectContaining({ ID: era.ID, TraceNumber: 'UPLOAD-0001' }));
		const { lines } = await viewLines(era.ID);
		expect(lines.map((l) => l['era-claim-number'])).toEqual(['X99999', ...original.claimPayments.slice(1).map((p) => String(p.claimId))]);
		expect(await download(era.ID)).toBe(edited);

		const count = (await admin(sandbox, 'GET', 'stats')).records.eras;
		expect(await upload(edited)).toMatchObject({ Success: true, Duplicate: true, Duplicates: [{ TraceNumber: 'UPLOAD-0001', ExistingID: era.ID }] });
		expect((await admin(sandbox, 'GET', 'stats')).records.eras).toBe(count);
	});

	test('a malformed or unbalanced file is refused and nothing is stored', async () => {
		const text = await download(generatedEra().id);
		const before = (await admin(sandbox, 'GET', 'stats')).records.eras;
		const fresh = text.replace(/TRN\*1\*[^*]+\*/, 'TRN*1*BAD-1*');
		const bpr = segmentsOf(fresh).find((s) => s[0] === 'BPR')!;
		const unbalanced = fresh.replace(`BPR*I*${bpr[2]}*`, `BPR*I*${formatAmount(cents(bpr[2]) + 1)}*`);
		expect(await upload(unbalanced)).toMatchObject({ Success: false, ErrorCode: 'InvalidFile', ErrorMessage: expect.stringContaining('does not balance') });
		expect(await upload(fresh.replace('ISA*00*          *', 'ISA*00*         *'))).toMatchObject({ Success: false, ErrorCode: 'InvalidFile', ErrorMessage: expect.stringContaining('ISA') });
		expect(await upload(fresh.replace(/SE\*\d+\*/, 'SE*3*'))).toMatchObject({ Success: false, ErrorCode: 'InvalidFile', ErrorMessage: expect.stringContaining('SE01') });
		expect(await upload('not an 835')).toMatchObject({ Success: false, ErrorCode: 'InvalidFile' });
		expect((await admin(sandbox, 'GET', 'stats')).records.eras).toBe(before);
	});

	test('marking an uploaded ERA processed posts its payment to the claim, once', async () => {
		const claim = [...store().claims.values()].find((c) => c.status === 'Accepted')!;
		const payer = store().payer(claim.payerId)!;
		const paidCents = claim.chargeCents - 4000;
		const content = write835({
			senderId: payer.electronicPayerId, receiverId: store().practice.npi, controlNumber: 42, createdAt: `${sandboxDay(sandbox, -1)}T08:00`, usage: 'T',
			remittances: [{
				traceNumber: 'POST-TEST-1', originatorId: '1999999999', paymentCents: paidCents, paymentDate: sandboxDay(sandbox, -1),
				payer: { name: payer.name, electronicId: payer.electronicPayerId, address: null, contactPhone: null },
				payee: { name: store().practice.name, npi: store().practice.npi, taxId: null, address: null },
				claims: [{
					patientControlNumber: String(claim.id), statusCode: '1', chargeCents: claim.chargeCents, paidCents, patientResponsibilityCents: 0,
					filingIndicator: 'CI', payerClaimNumber: 'XYZ-1', facilityCode: null, frequency: null, patient: { lastName: 'X', firstName: 'Y', memberId: '' },
					adjustments: [{ group: 'CO', reason: '45', amountCents: 4000 }], lines: [],
				}],
				providerAdjustmentCents: [],
			}],
		});
		const era = eraRows(await upload(content))[0];
		expect(era).toMatchObject({ PayerID: payer.id, PaymentAmount: paidCents / 100 });
		expect((await client.call(GET_CLAIM, 3, { claimid: String(claim.id) })).Claim).toMatchObject({ Status: 'Accepted' });
		expect(await client.call(PROCESS, 4, { eraid: era.EncryptedID })).toMatchObject({ Success: true, Status: 'Processed', AlreadyProcessed: false, PostedClaimIDs: [claim.id] });
		expect((await client.call(GET_CLAIM, 3, { claimid: String(claim.id) })).Claim).toMatchObject({ Status: 'Paid', PaidAmount: paidCents / 100, PayerClaimNumber: 'XYZ-1', ERAID: era.ID });
		expect(await client.call(PROCESS, 4, { eraid: String(era.ID) })).toMatchObject({ Success: true, AlreadyProcessed: true, PostedClaimIDs: [] });
		expect(eraRows(await search({ status: 'processed' })).map((e) => e.ID)).toEqual([era.ID]);
	});
});

describe('era-post (the payer pays accepted claims)', () => {
	test('a new ERA appears in search and its claims are Paid', async () => {
		const payerId = [...store().claims.values()].find((c) => c.status === 'Accepted')!.payerId;
		const due = [...store().claims.values()].filter((c) => c.status === 'Accepted' && c.payerId === payerId).map((c) => c.id);
		const since = (await admin(sandbox, 'GET', 'audit')).entries.length;
		const posted = await admin(sandbox, 'POST', 'act/era-post', { payerId });
		expect(posted.eras).toHaveLength(1);
		const era = posted.eras[0];
		expect([...era.claimIds].sort()).toEqual([...due].sort());
		const found = await search({ receiveddaterangestart: receivedToday(), receiveddaterangeend: receivedToday() });
		expect(found.ERAs).toEqual([expect.objectContaining({ ID: era.id, PayerID: payerId, ClaimCount: due.length, PaymentAmount: era.amountCents / 100, Status: 'Unprocessed' })]);
		for (const id of due) expect((await client.call(GET_CLAIM, 3, { claimid: String(id) })).Claim).toMatchObject({ Status: 'Paid', ERAID: era.id });
		const audit = (await admin(sandbox, 'GET', `audit?since=${since}`)).entries as AuditEntry[];
		expect(audit).toContainEqual(expect.objectContaining({ action: 'create', kind: 'era', id: era.id, by: 'admin' }));
		expect(audit.filter((e) => e.kind === 'claim' && e.action === 'status')).toHaveLength(due.length);
		expect(balanceProblems(read835(await download(era.id)).remittances[0])).toEqual([]);
		expect((await admin(sandbox, 'POST', 'act/era-post', { payerId })).error).toMatch(/no Accepted claims/);
	});
});
