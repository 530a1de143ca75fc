import type { Random } from '../util/random';

/**
 * Names are assembled from syllables so no real person's name is ever in the data, and each is
 * distinctive enough for the PHI leak scan to find it in a log.
 */
const ONSETS = ['B', 'Cr', 'D', 'Fl', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'Pr', 'Qu', 'R', 'S', 'T', 'V', 'W', 'Z', 'Th'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ae', 'io', 'ou'];
const CODAS = ['n', 'r', 'l', 'x', 'th', 'nd', 'rk', 'v', 's', 'm'];
const STREETS = ['Maple', 'Cedar', 'Harbor', 'Orchard', 'Summit', 'Willow', 'Granite', 'Meadow'];
const CITIES: { city: string; state: string; zip5: string }[] = [
	{ city: 'Springfield', state: 'IL', zip5: '62701' },
	{ city: 'Riverton', state: 'WY', zip5: '82501' },
	{ city: 'Fairview', state: 'OR', zip5: '97024' },
	{ city: 'Lakewood', state: 'CO', zip5: '80226' },
];

function word(random: Random, syllables: number): string {
	let out = '';
	for (let i = 0; i < syllables; i++) {
		out += random.pick(ONSETS).toLowerCase() + random.pick(VOWELS);
	}
	out += random.pick(CODAS);
	return out[0].toUpperCase() + out.slice(1);
}

export function firstName(random: Random): string {
	return word(random, random.int(1, 2));
}

export function lastName(random: Random): string {
	return word(random, random.int(2, 3));
}

export function address(random: Random) {
	const place = random.pick(CITIES);
	return {
		street: `${random.int(10, 9899)} ${random.pick(STREETS)} St`,
		city: place.city,
		state: place.state,
		zip: `${place.zip5}${String(random.int(1000, 9999))}`,
	};
}
