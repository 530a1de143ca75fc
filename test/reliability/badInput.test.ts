import fc from 'fast-check';
import type { IDataObject, INodeCredentialsDetails, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { RunningSandbox } from '../../sandbox/server';
import { createN8nHarness, shutdownN8n, type N8nHarness } from '../helpers/n8n';
import { admin, withSandbox } from '../helpers/sandbox';
import { sandboxCredential } from '../integration/node/fixtures';
import { badCpt, badDate, badDateTime, badFeeCents, badIcd10, badId, badPositiveCents, badX12Id, futureDate, withControlCharacter, withDelimiterOrControl } from './badInput/arbitraries';

// Issue #9 item 6: property-based bad input through the node in n8n-core. Every generated value
// must fail with an error naming the parameter, and the sandbox must count 0 requests for it.
// Values come in through an expression ({{ $json.v }}), as they do from an upstream node.

jest.setTimeout(120_000);

const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 60);

let sandbox: RunningSandbox;
let n8n: N8nHarness;
let credential: INodeCredentialsDetails;
const tally = { properties: 0, runs: 0, requests: 0 };

beforeAll(async () => {
	sandbox = await withSandbox();
	n8n = createN8nHarness();
	const who = sandbox.state.demo;
	credential = await n8n.addCredential(sandboxCredential(sandbox, { username: who.username, totpSecret: who.totpSecret }));
	// Logged in once, so no login can hide in (or excuse) a request count below.
	expect((await n8n.runNode({ parameters: { resource: 'practice', operation: 'getInfo' }, credential })).error).toBeUndefined();
});
afterAll(async () => {
	process.stdout.write(`BADINPUT properties=${tally.properties} runs=${tally.runs} requests_sent=${tally.requests}\n`);
	await sandbox.close();
	shutdownN8n();
});

const V = '={{ $json.v }}';
const totalRequests = async () => Number((await admin(sandbox, 'GET', 'stats')).totalRequests);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

interface Case {
	parameters: INodeParameters;
	value: unknown;
	/** Names the error may use for the parameter: its n8n name (possibly with the client's path) or display name. */
	names: string[];
	inputItems?: INodeExecutionData[];
}

/** Runs the node with the bad value; fails (with the value shown by fast-check) unless refused as required. */
async function refusedBeforeSending({ parameters, value, names, inputItems }: Case): Promise<void> {
	const before = await totalRequests();
	const result = await n8n.runNode({ parameters, credential, items: [{ v: value } as IDataObject], inputItems });
	const sent = (await totalRequests()) - before;
	tally.runs++;
	tally.requests += sent;
	const message = String((result.error as { message?: string } | undefined)?.message ?? '');
	const naming = new RegExp(`(Invalid parameter '([\\w.]+\\.)?(${names.map(escape).join('|')})(\\.[\\w.]+)?'|Parameter "(${names.map(escape).join('|')})")`);
	expect({ value, sent, items: result.items.length, namesParameter: naming.test(message), message }).toEqual({ value, sent: 0, items: 0, namesParameter: true, message });
}

function property<T>(name: string, arbitrary: fc.Arbitrary<T>, toCase: (value: T) => Case, runs = RUNS) {
	test(name, async () => {
		tally.properties++;
		await fc.assert(fc.asyncProperty(arbitrary, (value) => refusedBeforeSending(toCase(value))), { numRuns: runs });
	});
}

const patientLocator = (mode = 'id') => ({ __rl: true, mode, value: V });
const newcomer = { firstName: 'Synthetic', lastName: 'Newcomer', dateOfBirth: '1990-01-02T00:00:00' };
const resource = (resourceName: string, operation: string, rest: IDataObject = {}) => ({ resource: resourceName, operation, ...rest }) as INodeParameters;

describe('dates', () => {
	property('patient.create: a date of birth that is no date, or in the future', fc.oneof(badDate, futureDate), (value) => ({
		parameters: resource('patient', 'create', { ...newcomer, dateOfBirth: V }), value, names: ['dateOfBirth', 'Date of Birth'],
	}));
	property('appointment.create: a start that is not a practice-local date-time', badDateTime, (value) => ({
		parameters: resource('appointment', 'create', { type: 'therapySession', patientId: { __rl: true, mode: 'id', value: '1001' }, clinicianId: 1, start: V, durationMinutes: 50, serviceCode: '90834' }),
		value, names: ['start', 'Start'],
	}));
	property('appointment.getMany: a range start that is no date', badDate, (value) => ({
		parameters: resource('appointment', 'getMany', { from: V, to: '2026-11-30' }), value, names: ['from', 'From'],
	}));
	property('patient.setPolicy: a policy start that is no date', badDate.filter((v) => v.trim() !== ''), (value) => ({
		parameters: resource('patient', 'setPolicy', { patientId: { __rl: true, mode: 'id', value: '1001' }, priority: 'primary', payerId: 1, memberId: 'M-1', additionalFields: { startDate: V } }),
		value, names: ['startDate', 'Start Date'],
	}));
});

describe('ids', () => {
	const byOperation: [string, string, string, (v: string) => IDataObject][] = [
		['patient', 'get', 'patientId', () => ({ patientId: patientLocator() })],
		['billing', 'getBalance', 'patientId', () => ({ patientId: patientLocator('encryptedId') })],
		['note', 'get', 'noteId', () => ({ noteId: V })],
		['claim', 'get', 'claimId', () => ({ claimId: V })],
		['era', 'get', 'eraId', () => ({ eraId: V })],
		['portal', 'acknowledgeDocument', 'documentId', () => ({ documentId: V })],
		['appointment', 'get', 'appointmentId', () => ({ appointmentId: { __rl: true, mode: 'id', value: V } })],
	];
	property('an id that is neither a numeric ID nor an EncryptedID, on every kind of record', fc.tuple(fc.constantFrom(...byOperation), badId), ([[res, op, name, extra], value]) => ({
		parameters: resource(res, op, extra(value)), value, names: [name],
	}), RUNS * 2);
});

describe('amounts', () => {
	const payment = { patientId: { __rl: true, mode: 'id', value: '1001' }, method: 'card', reference: 'pi_bad_amount', amountCents: V };
	property('billing.postPayment: an amount that is not whole positive cents up to 100,000.00', badPositiveCents, (value) => ({
		parameters: resource('billing', 'postPayment', payment), value, names: ['amountCents', 'Amount (Cents)', 'Amount'],
	}));
	property('patient.create: a session fee that is not whole cents from 0 to 100,000.00', badFeeCents, (value) => ({
		parameters: resource('patient', 'create', { ...newcomer, additionalFields: { sessionFeeCents: V } }), value, names: ['sessionFeeCents', 'Session Fee (Cents)'],
	}));
	property('patient.setPolicy: a copay that is not whole cents from 0 to 100,000.00', badFeeCents, (value) => ({
		parameters: resource('patient', 'setPolicy', { patientId: { __rl: true, mode: 'id', value: '1001' }, priority: 'primary', payerId: 1, memberId: 'M-1', additionalFields: { copayCents: V } }),
		value, names: ['copayCents', 'Copay (Cents)'],
	}));
});

describe('codes', () => {
	const noteCreate = (additionalFields: IDataObject) =>
		resource('note', 'create', { patientId: { __rl: true, mode: 'id', value: '1001' }, appointmentId: '1001', noteText: { subjective: 'Synthetic.' }, additionalFields });
	property('note.create: a service code that is not CPT/HCPCS', badCpt, (value) => ({ parameters: noteCreate({ serviceCode: V }), value, names: ['serviceCode', 'Service Code'] }));
	property('note.create: a diagnosis list with one code that is not ICD-10', fc.tuple(badIcd10, fc.integer({ min: 0, max: 2 })), ([bad, at]) => {
		const codes = ['F41.1', 'F32.0'];
		codes.splice(at, 0, bad);
		return { parameters: noteCreate({ diagnoses: V }), value: codes.join(', '), names: ['diagnoses', 'Diagnoses'] };
	});
	property('claim.get837P: a submitter or receiver ID (NPI, clearinghouse ID) that is not 2–15 letters or digits', fc.tuple(fc.constantFrom('submitterId', 'receiverId'), badX12Id), ([name, value]) => ({
		parameters: resource('claim', 'get837P', { claimId: '1001', x12Options: { [name]: V } }), value, names: [name],
	}));
	property('appointment.create: a service code with an X12 delimiter or of the wrong length', badCpt.filter((v) => !/^\s*[A-Za-z0-9]{4,6}\s*$/.test(v)), (value) => ({
		parameters: resource('appointment', 'create', { type: 'therapySession', patientId: { __rl: true, mode: 'id', value: '1001' }, clinicianId: 1, start: '2026-12-03T07:05:00', durationMinutes: 50, serviceCode: V }),
		value, names: ['serviceCode', 'Service Code Name or ID'],
	}));
});

describe('text bound for an 837P: X12 delimiters and control characters', () => {
	property('claim.resubmit: a payer claim number with a delimiter or control character', withDelimiterOrControl(fc.stringMatching(/^[A-Z0-9-]{1,10}$/)), (value) => ({
		parameters: resource('claim', 'resubmit', { claimId: '1001', frequency: '7', payerClaimNumber: V }), value, names: ['payerClaimNumber', 'Payer Claim Number'],
	}));
	property('claim.get837P: a submitter, contact or receiver name with a delimiter or control character', fc.tuple(fc.constantFrom('submitterName', 'contactName', 'receiverName'), withDelimiterOrControl(fc.stringMatching(/^[A-Za-z]{1,10}$/))), ([name, value]) => ({
		parameters: resource('claim', 'get837P', { claimId: '1001', x12Options: { [name]: V } }), value, names: [name],
	}));
});

describe('text with control characters', () => {
	property('patient.create: a name with a control character', fc.tuple(fc.constantFrom('firstName', 'lastName'), withControlCharacter(fc.stringMatching(/^[A-Za-z]{1,8}$/))), ([name, value]) => ({
		parameters: resource('patient', 'create', { ...newcomer, [name]: V }), value, names: [name],
	}));
	property('note.addAddendum: text with a control character', withControlCharacter(), (value) => ({
		parameters: resource('note', 'addAddendum', { noteId: '1001', text: V }), value, names: ['text', 'Text', 'Addendum Text'],
	}));
	// A payment reference never goes into an 837P, so only control characters are refused in it.
	property('billing.postPayment: a reference with a control character', withControlCharacter(fc.stringMatching(/^pi_[A-Za-z0-9]{1,8}$/)), (value) => ({
		parameters: resource('billing', 'postPayment', { patientId: { __rl: true, mode: 'id', value: '1001' }, method: 'card', amountCents: 100, reference: V }), value, names: ['reference', 'Reference'],
	}));
	property('note.attachFile: a file name with a path, a reserved character or a control character', withDelimiterOrControl(fc.stringMatching(/^[a-z]{1,8}\.pdf$/)).filter((v) => !/^[^\\/:*?"<>|\u0000-\u001F]+$/.test(v.trim())), (value) => ({ // eslint-disable-line no-control-regex
		parameters: resource('note', 'attachFile', { noteId: '1001', options: { fileName: V } }),
		value, names: ['fileName', 'File Name'],
		inputItems: [{ json: { v: value }, binary: { data: { data: Buffer.from('%PDF-1.4').toString('base64'), mimeType: 'application/pdf', fileName: 'ok.pdf' } } }],
	}));
});

describe('file sizes', () => {
	const MB10 = 10 * 1024 * 1024;
	property('note.attachFile: a file over 10 MB, or empty', fc.oneof(fc.integer({ min: MB10 + 1, max: MB10 + 256 * 1024 }), fc.constant(0)), (size) => ({
		parameters: resource('note', 'attachFile', { noteId: '1001' }),
		value: size,
		names: ['binaryPropertyName', 'Input Binary Field'],
		inputItems: [{ json: { v: size }, binary: { data: { data: Buffer.alloc(size, 0x25).toString('base64'), mimeType: 'application/pdf', fileName: 'big.pdf' } } }],
	}), 6);
});
