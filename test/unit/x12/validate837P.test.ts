import { build837P, validate837P } from '../../../lib/x12';
import { fixture, fixtureFiles, lineOf, sampleBatch } from './helpers';

const valid = build837P(sampleBatch(), { newlineAfterTerminator: true });

/** Replaces one exact piece of the valid 837P and returns the validation problems' messages. */
function problemsAfter(from: string, to: string): string[] {
	expect(valid).toContain(from);
	const result = validate837P(valid.replace(from, to));
	expect(result.valid).toBe(false);
	return result.problems.map((problem) => problem.message);
}

const line = (prefix: string) => lineOf(valid, prefix);

describe('validate837P', () => {
	it('accepts the built sample', () => {
		expect(validate837P(valid)).toEqual({ valid: true, problems: [] });
	});

	it('checks the NPI check digit of the billing and rendering providers', () => {
		expect(problemsAfter('XX*1234567893', 'XX*1234567894')).toEqual([
			`NM1 at segment ${line('NM1*85')}: NPI "1234567894" in NM1*85 fails the check digit`,
		]);
		expect(problemsAfter('XX*1912301953', 'XX*191230195')).toEqual([
			`NM1 at segment ${line('NM1*82')}: NPI "191230195" in NM1*82 fails the check digit`,
		]);
	});

	it('checks CLM02 against the sum of the claim\'s SV102', () => {
		expect(problemsAfter('CLM*TN-2024-0001*175.5*', 'CLM*TN-2024-0001*175.51*')).toEqual([
			`CLM at segment ${line('CLM*TN-2024-0001')}: CLM02 17551 cents != sum of SV102 17550 cents`,
		]);
		expect(problemsAfter('SV1*HC:90834:95:GT*120.34*', 'SV1*HC:90834:95:GT*120.3x*')).toEqual([
			`SV1 at segment ${line('SV1*HC:90834')}: SV102 malformed amount "120.3x"`,
		]);
	});

	it('requires a 9-digit ZIP on the billing provider\'s N4 only', () => {
		expect(problemsAfter('N4*AUSTIN*TX*787011234', 'N4*AUSTIN*TX*78701')).toEqual([
			`N4 at segment ${line('N4*AUSTIN*TX*787011234')}: billing provider ZIP "78701" must be 9 digits`,
		]);
		expect(problemsAfter('N4*AUSTIN*TX*787011234~\n', '')).toContainEqual(
			`NM1 at segment ${line('NM1*85')}: billing provider has no N4 address`,
		);
	});

	it('limits CLM01 to 20 characters', () => {
		expect(problemsAfter('CLM*TN-2024-0001*', `CLM*${'Y'.repeat(21)}*`)).toEqual([
			`CLM at segment ${line('CLM*TN-2024-0001')}: CLM01 "${'Y'.repeat(21)}" is 21 characters; it must be 1 to 20`,
		]);
	});

	it('requires the ISA to be exactly 106 characters', () => {
		expect(problemsAfter('*ZZ*CALMMIND01     *', '*ZZ*CALMMIND01      *')).toEqual([
			'ISA at segment 1: ISA is 107 characters; it must be exactly 106',
		]);
		expect(problemsAfter('*ZZ*CALMMIND01     *', '*ZZ*CALMMIND01    *')).toEqual([
			'ISA at segment 1: ISA is 105 characters; it must be exactly 106',
		]);
		expect(validate837P('GS*HC~').problems[0].message).toBe('ISA at segment 1: text does not start with ISA');
	});

	it('checks SE01 against the ST..SE count and SE02 against ST02', () => {
		const se = line('SE*');
		expect(problemsAfter('SE*50*0021', 'SE*49*0021')).toEqual([`SE at segment ${se}: SE01 is "49" but there are 50 segments in ST..SE`]);
		expect(problemsAfter('SE*50*0021', 'SE*50*0022')).toEqual([`SE at segment ${se}: SE02 "0022" does not match ST02 "0021"`]);
		expect(problemsAfter('DMG*D8*20120909*M~\n', '')).toEqual([`SE at segment ${se - 1}: SE01 is "50" but there are 49 segments in ST..SE`]);
	});

	it('checks GE and IEA counts and control numbers', () => {
		expect(problemsAfter('GE*1*41', 'GE*2*41')).toEqual([`GE at segment ${line('GE*')}: GE01 is "2" but there are 1 transaction sets`]);
		expect(problemsAfter('GE*1*41', 'GE*1*42')).toEqual([`GE at segment ${line('GE*')}: GE02 "42" does not match GS06 "41"`]);
		expect(problemsAfter('IEA*1*000000907', 'IEA*0*000000907')).toEqual([`IEA at segment ${line('IEA*')}: IEA01 is "0" but there are 1 functional groups`]);
		expect(problemsAfter('IEA*1*000000907', 'IEA*1*907')).toEqual([`IEA at segment ${line('IEA*')}: IEA02 "907" does not match ISA13 "000000907"`]);
		expect(problemsAfter('GE*1*41~\nIEA*1*000000907~\n', '')).toEqual(['ISA at segment 1: has no IEA', 'GS at segment 2: has no GE']);
	});

	it('checks the HL numbering and parent chain', () => {
		const patientHl = line('HL*4*');
		expect(problemsAfter('HL*4*3*23*0', 'HL*4*1*23*0')).toEqual([
			`HL at segment ${line('HL*3*')}: HL04 is "1" but should be 0 (it has no children)`,
			`HL at segment ${patientHl}: HL02 "1" is level 20; level 23 needs a parent of level 22`,
		]);
		expect(problemsAfter('HL*4*3*23*0', 'HL*4*9*23*0')).toContainEqual(`HL at segment ${patientHl}: HL02 "9" does not name an earlier HL`);
		expect(problemsAfter('HL*4*3*23*0', 'HL*5*3*23*0')).toEqual([`HL at segment ${patientHl}: HL01 is "5", expected 4`]);
		expect(problemsAfter('HL*3*1*22*1', 'HL*3*1*22*0')).toEqual([
			`HL at segment ${line('HL*3*')}: HL04 is "0" but should be 1 (it has children)`,
		]);
		expect(problemsAfter('HL*1**20*1', 'HL*1*1*20*1')).toEqual([`HL at segment ${line('HL*1*')}: HL02 must be empty for level 20, found "1"`]);
		expect(problemsAfter('HL*4*3*23*0', 'HL*4*3*24*0')).toEqual([`HL at segment ${patientHl}: HL03 "24" is not an 837P level (20, 22 or 23)`]);
	});

	it('finds only made-up NPIs and 5-digit ZIPs in the public 837P samples', () => {
		// The LinuxForHealth demos use placeholder NPIs and 5-digit ZIPs; their envelopes, HL chains
		// and claim totals are right, so no other rule may fire on them.
		const files = fixtureFiles('.837');
		expect(files.length).toBeGreaterThan(10);
		for (const file of files) {
			for (const problem of validate837P(fixture(file)).problems) {
				expect(`${file}: ${problem.message}`).toMatch(/: (NM1 at segment \d+: NPI "\d+" in NM1\*\w+ fails the check digit|N4 at segment 1[12]: billing provider ZIP "\d{5}" must be 9 digits)$/);
			}
		}
		expect(validate837P(fixture('linuxforhealth-x12/837p/demo.example1.837')).valid).toBe(true);
		expect(validate837P(fixture('linuxforhealth-x12/837p/demo.example6.837')).problems.map((problem) => problem.segment)).toEqual(['NM1', 'N4']);
	});
});
