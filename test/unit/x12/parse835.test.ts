import { X12SyntaxError, parse835, type RemittanceTransaction } from '../../../lib/x12';
import { generate835 } from '../../../bench/x12.bench';
import { fixture, fixtureFiles, lineOf, plain, wrap835 } from './helpers';

/**
 * Every 835 sample and its balancing verdict. Only tertiary-payment.835 is
 * unbalanced: its SVC was typed "SVC*HC*24599.00*1766.50*187.50**1" (an element
 * separator where the HC:procedure component separator belongs), so SVC02 reads
 * 24599.00 and SVC03 1766.50 while the line's CAS is 1579.00. The claim and the
 * transaction still balance, so the service line is the one problem (see SOURCES.md).
 */
const EXPECTED_PROBLEMS: Record<string, string[]> = {
	'linuxforhealth-x12/835/cob-contractural-adjustment.835': [],
	'linuxforhealth-x12/835/managed-care.835': [],
	'linuxforhealth-x12/835/medicare-part-a.835': [],
	'linuxforhealth-x12/835/secondary-payment.835': [],
	'linuxforhealth-x12/835/tertiary-payment.835': ['SVC at segment 20: charge 2459900 - adjustments 157900 != paid 176650'],
	'tastypackets-x12-parser/835/multi-line-not-delimited.edi': [],
	'tastypackets-x12-parser/835/profee-multiple.edi': [],
	'tastypackets-x12-parser/835/profee-one-line.edi': [],
	'tastypackets-x12-parser/835/profee.edi': [],
};

const remittanceFiles = fixtureFiles('.835', '.edi');
const messages = (transaction: RemittanceTransaction) => transaction.problems.map((problem) => problem.message);

describe('parse835 on the public samples', () => {
	it('covers every 835 sample in the fixtures folder', () => {
		expect(remittanceFiles).toEqual(Object.keys(EXPECTED_PROBLEMS).sort());
	});

	describe.each(remittanceFiles)('%s', (file) => {
		const text = fixture(file);
		const { transactions } = parse835(text);

		it('parses every transaction set with its balancing verdict', () => {
			expect(transactions.length).toBe((text.match(/ST\*835\*/g) ?? []).length);
			for (const transaction of transactions) {
				expect(messages(transaction)).toEqual(EXPECTED_PROBLEMS[file]);
				expect(transaction.balanced).toBe(EXPECTED_PROBLEMS[file].length === 0);
			}
		});

		it('catches a one-cent change to BPR02 and names the BPR segment', () => {
			const planted = text.replace(/(BPR\*[A-Z]\*)([0-9.]+)/, (_match, head: string, amount: string) => {
				const [whole, fraction = ''] = amount.split('.');
				const cents = BigInt(whole + fraction.padEnd(2, '0')) + 1n;
				return `${head}${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
			});
			expect(planted).not.toBe(text);
			const problems = parse835(planted).transactions[0].problems;
			const bprProblem = problems.find((problem) => problem.segment === 'BPR');
			expect(bprProblem?.message).toMatch(/^BPR at segment 4: claims paid (-?\d+) - provider adjustments (-?\d+) != BPR02 \d+$/);
			expect(problems).toHaveLength(EXPECTED_PROBLEMS[file].length + 1);
		});
	});
});

describe('parse835 details', () => {
	it('reads payment, payer, payee, claims, lines and their adjustments (managed-care.835)', () => {
		const [transaction] = parse835(fixture('linuxforhealth-x12/835/managed-care.835')).transactions;
		expect(transaction.controlNumber).toBe('112233');
		// BPR16 in this sample is literally 20002316; the parser does not invent a date.
		expect(transaction.payment).toMatchObject({ method: 'ACH', amountCents: 94500, date: '2000-23-16', traceNumber: '7170066655' });
		expect(transaction.payer).toMatchObject({ name: 'RUSHMORE LIFE', id: null });
		expect(transaction.payee).toEqual({ name: 'ACME MEDICAL CENTER', idQualifier: 'XX', id: '5544667733', npi: '5544667733' });
		expect(transaction.claims).toHaveLength(2);
		const [first, second] = transaction.claims;
		expect(first).toMatchObject({
			patientControlNumber: '5554555444',
			statusCode: '1',
			chargeCents: 80000,
			paidCents: 45000,
			patientResponsibilityCents: 30000,
			payerClaimNumber: '94060555410000',
			patient: { lastName: 'BUDD', firstName: 'WILLIAM', memberId: '33344555510' },
			adjustments: [{ group: 'CO', reason: 'A2', amountCents: 5000, quantity: null }],
		});
		expect(plain(first.services)).toEqual([
			expect.objectContaining({
				procedureQualifier: 'HC',
				procedureCode: '99211',
				modifiers: [],
				chargeCents: 80000,
				paidCents: 50000,
				units: 1,
				serviceDate: '2002-03-01',
				serviceDateEnd: '2002-03-04',
				adjustments: [{ group: 'PR', reason: '1', amountCents: 30000, quantity: null }],
			}),
		]);
		expect(second.services[0].adjustments.map((adjustment) => adjustment.amountCents)).toEqual([60000, 5000]);
	});

	it('reads PLB provider adjustments and balances with them (medicare-part-a.835)', () => {
		const text = fixture('linuxforhealth-x12/835/medicare-part-a.835');
		const [transaction] = parse835(text).transactions;
		expect(transaction.providerAdjustments).toEqual([
			{ providerId: '6543210903', fiscalPeriodDate: '2002-12-31', reason: 'CV', reference: 'CP', amountCents: -127, segmentNumber: lineOf(text, 'PLB*') },
		]);
		expect(transaction.claims.map((claim) => claim.paidCents)).toEqual([13801840, 1198033]);
		expect(transaction.payment).toMatchObject({ amountCents: 15000000, date: '2002-09-13' });
		expect(transaction.payer.id).toBe('999');
		expect(transaction.balanced).toBe(true);
	});

	it('reads modifiers, units, remark codes and service dates (profee.edi)', () => {
		const [transaction] = parse835(fixture('tastypackets-x12-parser/835/profee.edi')).transactions;
		const [paid, denied, partial] = transaction.claims;
		expect(paid.services.map((service) => [service.procedureCode, service.modifiers, service.units, service.allowedCents])).toEqual([
			['V2020', ['RB'], 1, 600],
			['V2700', ['RB'], 1, 275],
			['V2103', ['RB'], 1, 550],
			['S0580', [], 2, 2000],
		]);
		expect(denied).toMatchObject({ statusCode: '2', chargeCents: 3400, paidCents: 0 });
		expect(partial.services[1].serviceDate).toBe('2013-09-17');
		expect(partial.services[2].remarkCodes).toEqual(['N206']);
		expect(transaction.payee.npi).toBe('9999999995');
	});

	it('parses the same remittance alike whatever the segment terminator layout', () => {
		const lines = parse835(fixture('tastypackets-x12-parser/835/profee.edi'));
		expect(plain(parse835(fixture('tastypackets-x12-parser/835/profee-one-line.edi')))).toEqual(plain(lines));
		expect(plain(parse835(fixture('tastypackets-x12-parser/835/multi-line-not-delimited.edi')))).toEqual(plain(lines));
	});

	it('reads all 156 transaction sets of profee-multiple.edi', () => {
		const { transactions } = parse835(fixture('tastypackets-x12-parser/835/profee-multiple.edi'));
		expect(transactions).toHaveLength(156);
		expect(transactions.reduce((sum, transaction) => sum + transaction.payment.amountCents, 0)).toBe(156 * 4575);
		expect(transactions.every((transaction) => transaction.balanced)).toBe(true);
	});

	it('keeps a composite written with the wrong separator as one component (secondary-payment.835)', () => {
		// ISA16 declares ":" but this sample writes "HC>12345>26"; guessing another separator would be wrong elsewhere.
		const [transaction] = parse835(fixture('linuxforhealth-x12/835/secondary-payment.835')).transactions;
		expect(transaction.claims[1].services[0]).toMatchObject({ procedureQualifier: 'HC>12345>26', procedureCode: '' });
		expect(transaction.balanced).toBe(true);
	});

	it('parses and balances the benchmark\'s generated remittance', () => {
		const text = generate835(300_000);
		const { transactions } = parse835(text);
		expect(transactions.length).toBeGreaterThan(0);
		expect(transactions.flatMap((transaction) => transaction.problems)).toEqual([]);
		const claims = transactions.flatMap((transaction) => transaction.claims);
		expect(claims).toHaveLength((text.match(/~CLP\*/g) ?? []).length);
		expect(claims[0].services.map((service) => service.modifiers)).toEqual([['95'], ['GT']]);
	});

	it('skips transaction sets that are not 835s', () => {
		expect(parse835(fixture('linuxforhealth-x12/837p/demo.example1.837')).transactions).toEqual([]);
	});

	it('refuses an 835 with no BPR, naming its ST', () => {
		expect(() => parse835(wrap835(['TRN*1*1*1']))).toThrow(new X12SyntaxError('ST at segment 3: 835 has no BPR segment'));
	});
});

describe('balancing', () => {
	const managedCare = fixture('linuxforhealth-x12/835/managed-care.835');
	const plant = (from: string, to: string) => {
		expect(managedCare).toContain(from);
		return parse835(managedCare.replace(from, to)).transactions[0];
	};

	it('names the SVC whose paid amount is one cent off', () => {
		const transaction = plant('SVC*HC:99211*800.00*500.00', 'SVC*HC:99211*800.00*500.01');
		expect(transaction.balanced).toBe(false);
		expect(messages(transaction)).toEqual([
			`SVC at segment ${lineOf(managedCare, 'SVC*HC:99211')}: charge 80000 - adjustments 30000 != paid 50001`,
		]);
	});

	it('names the CLP and the BPR when a claim payment is one cent off', () => {
		const transaction = plant('CLP*8765432112*1*1200.00*495.00', 'CLP*8765432112*1*1200.00*495.01');
		expect(messages(transaction)).toEqual([
			`CLP at segment ${lineOf(managedCare, 'CLP*8765432112')}: charge 120000 - claim adjustments 5500 - line adjustments 65000 != paid 49501`,
			'BPR at segment 4: claims paid 94501 - provider adjustments 0 != BPR02 94500',
		]);
	});

	it('names both the line and the claim when a line adjustment is one cent off', () => {
		const transaction = plant('CAS*CO*45*50.00', 'CAS*CO*45*50.01');
		expect(transaction.problems.map((problem) => [problem.segment, problem.segmentNumber])).toEqual([
			['SVC', lineOf(managedCare, 'SVC*HC:93555')],
			['CLP', lineOf(managedCare, 'CLP*8765432112')],
		]);
	});

	it('balances a reversal (CLP02 = 22, negative amounts) and its correction', () => {
		const text = wrap835([
			'BPR*I*90*C*CHK************20240301',
			'TRN*1*CHK1001*1512345678',
			'N1*PR*ACME HEALTH*XV*12345',
			'N1*PE*CALM MIND*XX*1234567893',
			'LX*1',
			'CLP*TN1*22*-100*-80*-20*12*PCN1',
			'CAS*PR*1*-20',
			'SVC*HC:90837:95*-100*-80**1',
			'CAS*PR*1*-20',
			'CLP*TN1*1*100*70*30*12*PCN2',
			'SVC*HC:90837:95*100*70**1',
			'CAS*PR*1*30',
			'REF*6R*L1',
			'CLP*TN2*1*100*100',
		]);
		const [transaction] = parse835(text).transactions;
		// -80 reversed + 70 re-paid + 100 for another claim = 90 paid.
		expect(transaction.payment).toMatchObject({ amountCents: 9000, date: '2024-03-01', method: 'CHK', traceNumber: 'CHK1001' });
		expect(transaction.payer).toEqual({ name: 'ACME HEALTH', idQualifier: 'XV', id: '12345', npi: null });
		// The reversal's claim CAS and line CAS both carry the -20: the claim equation sums both levels.
		expect(messages(transaction)).toEqual([
			`CLP at segment ${lineOf(text, 'CLP*TN1*22')}: charge -10000 - claim adjustments -2000 - line adjustments -2000 != paid -8000`,
		]);
		const fixed = parse835(text.replace('CAS*PR*1*-20~\nSVC', 'SVC')).transactions[0];
		expect(fixed.balanced).toBe(true);
		expect(fixed.claims[0]).toMatchObject({ statusCode: '22', chargeCents: -10000, paidCents: -8000, patientResponsibilityCents: -2000 });
		expect(fixed.claims[1].services[0]).toMatchObject({ modifiers: ['95'], lineControlNumber: 'L1' });
	});

	it('reads all six CAS triplets and all six PLB pairs', () => {
		const text = wrap835([
			'BPR*I*2000*C*ACH',
			'TRN*1*EFT1*1512345678',
			'CLP*TN9*1*10000*10000',
			'SVC*HC:90791*10000*10000',
			'CAS*CO*45*1*1*253*2**A2*3**B1*4**97*5**94*-15',
			'PLB*1234567893*20241231*WO:TN1*1000*L6*2000*FB:X*3000*CS*4000*72*-1000*J1*-1000',
		]);
		const [transaction] = parse835(text).transactions;
		const adjustments = transaction.claims[0].services[0].adjustments;
		expect(adjustments.map((adjustment) => [adjustment.reason, adjustment.amountCents])).toEqual([
			['45', 100], ['253', 200], ['A2', 300], ['B1', 400], ['97', 500], ['94', -1500],
		]);
		expect(adjustments[0].quantity).toBe(1);
		expect(transaction.providerAdjustments.map((plb) => [plb.reason, plb.reference, plb.amountCents])).toEqual([
			['WO', 'TN1', 100000], ['L6', null, 200000], ['FB', 'X', 300000], ['CS', null, 400000], ['72', null, -100000], ['J1', null, -100000],
		]);
		// Line CAS nets to 0 (100+200+300+400+500-1500); PLB nets to 8000.00, and 10000 - 8000 = 2000 = BPR02.
		expect(messages(transaction)).toEqual([]);
		const planted = parse835(text.replace('J1*-1000', 'J1*-999.99')).transactions[0];
		expect(messages(planted)).toEqual(['BPR at segment 4: claims paid 1000000 - provider adjustments 800001 != BPR02 200000']);
	});

	it('reports adjustments and lines that belong to no claim', () => {
		const [transaction] = parse835(wrap835(['BPR*I*0*C*NON', 'CAS*CO*45*1', 'SVC*HC:90791*1*1'])).transactions;
		expect(messages(transaction)).toEqual([
			'CAS at segment 5: adjustment outside any claim is ignored',
			'SVC at segment 6: service line outside any claim is ignored',
		]);
	});
});
