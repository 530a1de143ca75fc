/**
 * NPI check digit: Luhn over the 9 leading digits prefixed with 80840 (the
 * ISO card-issuer prefix for US health identifiers), as CMS specifies.
 * The prefix's Luhn contribution is the constant 24.
 */
const PREFIX_SUM = 24;

export function isValidNpi(npi: string): boolean {
	if (!/^\d{10}$/.test(npi)) return false;
	return npiCheckDigit(npi.slice(0, 9)) === npi.charCodeAt(9) - 48;
}

export function npiCheckDigit(firstNine: string): number {
	let sum = PREFIX_SUM;
	for (let i = 0; i < 9; i++) {
		let digit = firstNine.charCodeAt(i) - 48;
		// Doubling starts at the rightmost payload digit (the check digit sits to its right).
		if (i % 2 === 0) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}
		sum += digit;
	}
	return (10 - (sum % 10)) % 10;
}
