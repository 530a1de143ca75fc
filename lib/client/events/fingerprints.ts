import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * A compact map from record id to a 24-bit fingerprint of the record's state, kept in a polling
 * trigger's static data. Ids are stored as sorted varint deltas (dense ids cost a byte), values as
 * three bytes, the whole deflated and base64-encoded: about 4 bytes a record, so the state stays
 * far below n8n's comfortable static-data size even for a 30-clinician practice's window.
 */
export class FingerprintSet {
	private readonly values = new Map<number, number>();

	get size(): number {
		return this.values.size;
	}

	get(id: number): number | undefined {
		return this.values.get(id);
	}

	set(id: number, value: number): void {
		if (!Number.isInteger(id) || id < 0) throw new RangeError(`record id ${id} is not a non-negative integer`);
		this.values.set(id, value & 0xffffff);
	}

	has(id: number): boolean {
		return this.values.has(id);
	}

	delete(id: number): void {
		this.values.delete(id);
	}

	clone(): FingerprintSet {
		const copy = new FingerprintSet();
		for (const [id, value] of this.values) copy.values.set(id, value);
		return copy;
	}

	ids(): number[] {
		return [...this.values.keys()];
	}

	encode(): string {
		const ids = [...this.values.keys()].sort((a, b) => a - b);
		const bytes: number[] = [];
		let previous = 0;
		for (const id of ids) {
			writeVarint(bytes, id - previous);
			previous = id;
			const value = this.values.get(id)!;
			bytes.push((value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
		}
		return deflateRawSync(Buffer.from(bytes)).toString('base64');
	}

	static decode(text: string | undefined): FingerprintSet {
		const set = new FingerprintSet();
		if (!text) return set;
		const bytes = inflateRawSync(Buffer.from(text, 'base64'));
		let offset = 0;
		let id = 0;
		while (offset < bytes.length) {
			const [delta, next] = readVarint(bytes, offset);
			id += delta;
			if (next + 3 > bytes.length) throw new RangeError('fingerprint state is truncated');
			set.values.set(id, (bytes[next] << 16) | (bytes[next + 1] << 8) | bytes[next + 2]);
			offset = next + 3;
		}
		return set;
	}
}

function writeVarint(out: number[], value: number): void {
	let rest = value;
	while (rest >= 0x80) {
		out.push((rest & 0x7f) | 0x80);
		rest = Math.floor(rest / 128);
	}
	out.push(rest);
}

function readVarint(bytes: Buffer, start: number): [number, number] {
	let value = 0;
	let factor = 1;
	let offset = start;
	for (;;) {
		if (offset >= bytes.length) throw new RangeError('fingerprint state is truncated');
		const byte = bytes[offset++];
		value += (byte & 0x7f) * factor;
		if (byte < 0x80) return [value, offset];
		factor *= 128;
	}
}

/** A 21-bit digest of a record's fields: with a 3-bit status it fills a 24-bit fingerprint. */
export function digest21(parts: readonly unknown[]): number {
	const hash = createHash('sha256').update(JSON.stringify(parts)).digest();
	return ((hash[0] << 13) | (hash[1] << 5) | (hash[2] >>> 3)) & 0x1fffff;
}

export function packFingerprint(status: number, digest: number): number {
	return ((status & 0x7) << 21) | (digest & 0x1fffff);
}

export function fingerprintStatus(value: number): number {
	return (value >>> 21) & 0x7;
}
