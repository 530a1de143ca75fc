import fc from 'fast-check';

/** Generators of values a node parameter must refuse, each kind as users (or upstream nodes) produce them. */

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const X12_DELIMITERS = ['~', '*', ':', '^'];
/** Control characters other than tab and line breaks (which plain text may hold). */
const CONTROL = [...Array.from({ length: 9 }, (_, i) => i), 11, 12, ...Array.from({ length: 18 }, (_, i) => i + 14)].map((code) => String.fromCharCode(code));

/** Text of any kind with one bad character put somewhere inside it. */
const withOneOf = (bad: string[], around: fc.Arbitrary<string> = fc.string({ maxLength: 20 })) =>
	fc.tuple(around, fc.constantFrom(...bad), around).map(([a, b, c]) => `${a}${b}${c}`);

export const withControlCharacter = (around?: fc.Arbitrary<string>) => withOneOf(CONTROL, around);
export const withX12Delimiter = (around?: fc.Arbitrary<string>) => withOneOf([...X12_DELIMITERS, '\n', '\r'], around);
export const withDelimiterOrControl = (around?: fc.Arbitrary<string>) => fc.oneof(withX12Delimiter(around), withControlCharacter(around));

/** Not a day on the calendar, or not a date at all. */
export const badDate = fc.oneof(
	fc.string({ maxLength: 30 }).filter((text) => !/^\s*\d{4}-\d{2}-\d{2}/.test(text)),
	fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 13, max: 99 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
	fc.tuple(fc.integer({ min: 1900, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 32, max: 99 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`),
	fc.tuple(fc.integer({ min: 1901, max: 2025 }).filter((y) => y % 4 !== 0), fc.constantFrom(29, 30, 31)).map(([y, d]) => `${y}-02-${d}`),
	fc.constantFrom('', ' ', '0000-00-00', '31/12/1990', '12/31/1990', '1990-1-2', 'yesterday', 'NaN', 'null', 'undefined'),
);

/** A birth date after today: a real date, but not a birth date. */
export const futureDate = fc.tuple(fc.integer({ min: 2100, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`);

/** Not a practice-local date-time with whole minutes: zones, seconds fractions, 24:00, garbage. */
export const badDateTime = fc.oneof(
	fc.string({ maxLength: 30 }).filter((text) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:00)?$/.test(text.trim())),
	fc.tuple(fc.integer({ min: 24, max: 99 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `2026-12-03T${pad(h, 2)}:${pad(m, 2)}:00`),
	fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 60, max: 99 })).map(([h, m]) => `2026-12-03T${pad(h, 2)}:${pad(m, 2)}:00`),
	fc.constantFrom('2026-12-03T07:05:00Z', '2026-12-03T07:05:00+02:00', '2026-12-03T07:05:30', '2026-12-03T07:05:00.250', '2026-02-30T07:05:00', '2026-12-03 07:05'),
);

/** Not a numeric ID (1–12 digits, not 0) nor an EncryptedID (16–22 of A–Z a–z 0–9 _ -). */
export const badId = fc
	.oneof(
		fc.string({ maxLength: 30 }),
		withX12Delimiter(),
		withControlCharacter(),
		fc.constantFrom('0', '000', '-1', '1.5', '1e3', '../12', '12/..', '%2e%2e', '1 2', 'null', '0x1F', '1234567890123'),
		fc.stringMatching(/^[A-Za-z0-9_-]{1,15}$/).filter((text) => !/^\d+$/.test(text)),
		fc.stringMatching(/^[A-Za-z0-9_-]{23,40}$/),
	)
	// Digits naming an ID from 1 to 12 digits long (leading zeros aside) are an ID, not bad input.
	.filter((text) => !/^\s*[A-Za-z0-9_-]{16,22}\s*$/.test(text) && !(/^\s*\d+\s*$/.test(text) && Number(text) >= 1 && Number(text) <= 999_999_999_999));

/** Money in cents that cannot be posted: not whole, not positive, or beyond 100,000.00. */
export const badPositiveCents = fc.oneof(
	fc.integer({ min: -10_000_000, max: 0 }),
	fc.double({ min: 0.001, max: 1_000_000, noNaN: true }).filter((n) => !Number.isInteger(n)),
	fc.integer({ min: 10_000_001, max: Number.MAX_SAFE_INTEGER }),
	fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

/** Cents for a fee or copay (0 is allowed): negative, fractions, too large. */
export const badFeeCents = fc.oneof(
	fc.integer({ min: -10_000_000, max: -1 }),
	fc.double({ min: 0.001, max: 1_000_000, noNaN: true }).filter((n) => !Number.isInteger(n)),
	fc.integer({ min: 10_000_001, max: Number.MAX_SAFE_INTEGER }),
);

/** Not a CPT/HCPCS code (5 digits, or a letter and 4 digits). */
export const badCpt = fc
	.oneof(fc.string({ maxLength: 10 }), withX12Delimiter(fc.stringMatching(/^[0-9]{0,4}$/)), fc.stringMatching(/^[0-9]{1,4}$/), fc.stringMatching(/^[0-9]{6,9}$/), fc.constantFrom('9083*', '90834~', '90:834', '^0834'))
	// Left empty, an optional code is not given at all, which is fine.
	.filter((text) => text.trim() !== '' && !/^\s*([0-9]{5}|[A-Za-z][0-9]{4})\s*$/.test(text));

/** Not an ICD-10-CM code (letter, 2 characters, optionally a dot and up to 4 more). */
export const badIcd10 = fc
	.oneof(fc.string({ minLength: 1, maxLength: 12 }), withX12Delimiter(fc.constantFrom('F41', 'F41.1', 'Z63')), fc.stringMatching(/^[0-9]{3,7}$/), fc.constantFrom('F4', 'F41.12345', 'F41..1', 'FF1.1', '123.4'))
	// Commas, semicolons and white space separate codes in the parameter, so a bad code holds none of them.
	.filter((text) => !/[,;\s]/.test(text) && text !== '' && !/^[A-Za-z][0-9][0-9A-Za-z](\.[0-9A-Za-z]{1,4})?$/.test(text));

/** Not an X12 identifier (2–15 letters or digits): what an NPI, submitter or receiver ID must be. */
export const badX12Id = fc
	.oneof(withX12Delimiter(fc.stringMatching(/^[A-Z0-9]{0,6}$/)), withControlCharacter(fc.stringMatching(/^[A-Z0-9]{0,6}$/)), fc.stringMatching(/^[A-Z0-9]{16,30}$/), fc.constantFrom('1', 'A', '12 34', 'NPI-123', 'ÄÖÜ123'))
	.filter((text) => text.trim() !== '' && !/^\s*[A-Za-z0-9]{2,15}\s*$/.test(text));
