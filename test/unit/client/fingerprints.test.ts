import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { digest21, FingerprintSet, fingerprintStatus, packFingerprint } from '../../../lib/client/events/fingerprints';

describe('FingerprintSet', () => {
	test('round-trips ids and 24-bit values exactly, including sparse and large ids', () => {
		const set = new FingerprintSet();
		const entries: [number, number][] = [[0, 0], [1, 0xffffff], [1000, 0x123456], [1001, 7], [9_007_199_254, 0xabcdef]];
		for (const [id, value] of entries) set.set(id, value);
		const back = FingerprintSet.decode(set.encode());
		expect(back.size).toBe(entries.length);
		for (const [id, value] of entries) expect(back.get(id)).toBe(value);
	});

	test('about 4 bytes a record for a window of dense ids: 12,000 records stay under 64 KB', () => {
		const set = new FingerprintSet();
		for (let i = 0; i < 12_000; i++) set.set(50_000 + i * 2, digest21([i, 'x']));
		const encoded = set.encode();
		expect(encoded.length).toBeLessThan(64 * 1024);
		expect(encoded.length).toBeGreaterThan(12_000 * 3);
		expect(FingerprintSet.decode(encoded).get(50_000 + 11_999 * 2)).toBe(digest21([11_999, 'x']));
	});

	test('a truncated state is refused, not misread', () => {
		const set = new FingerprintSet();
		set.set(5, 1);
		set.set(900, 2);
		const raw = inflateRawSync(Buffer.from(set.encode(), 'base64'));
		const truncated = deflateRawSync(raw.subarray(0, raw.length - 1)).toString('base64');
		expect(() => FingerprintSet.decode(truncated)).toThrow(/truncated/);
	});

	test('status survives packing; digests differ when any field differs', () => {
		const value = packFingerprint(4, digest21(['a', 1]));
		expect(fingerprintStatus(value)).toBe(4);
		expect(digest21(['a', 1])).not.toBe(digest21(['a', 2]));
		expect(digest21(['a', 1])).toBe(digest21(['a', 1]));
	});
});
