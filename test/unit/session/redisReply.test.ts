import { encodeCommand, parseReply, RedisError } from '../../../lib/session/redis';

describe('RESP2 replies and commands', () => {
	test.each([
		['+OK\r\n', 'OK'],
		[':42\r\n', 42],
		['$4\r\nhé!\r\n', 'hé!'],
		['$-1\r\n', null],
		['*2\r\n$1\r\na\r\n:7\r\n', ['a', 7]],
		['*-1\r\n', null],
	])('%j parses to %j', (wire, value) => {
		expect(parseReply(Buffer.from(wire))).toEqual({ value, end: Buffer.byteLength(wire) });
	});

	test('an error reply is a RedisError with the server text', () => {
		const parsed = parseReply(Buffer.from('-WRONGPASS invalid password\r\n'));
		expect(parsed?.value).toBeInstanceOf(RedisError);
		expect((parsed?.value as RedisError).message).toBe('WRONGPASS invalid password');
	});

	test('a reply cut anywhere is incomplete until its last byte arrives', () => {
		const wire = Buffer.from('*3\r\n$3\r\nabc\r\n$-1\r\n+done\r\n');
		for (let cut = 0; cut < wire.length; cut++) expect(parseReply(wire.subarray(0, cut))).toBeUndefined();
		expect(parseReply(wire)?.value).toEqual(['abc', null, 'done']);
	});

	test('two replies in one chunk are read one after the other', () => {
		const wire = Buffer.from(':1\r\n$2\r\nok\r\n');
		const first = parseReply(wire);
		expect(first).toEqual({ value: 1, end: 4 });
		expect(parseReply(wire, first?.end)).toEqual({ value: 'ok', end: wire.length });
	});

	test('commands are arrays of bulk strings measured in bytes', () => {
		expect(encodeCommand(['SET', 'k', 'é', 'PX', 100]).toString()).toBe('*5\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n$2\r\nPX\r\n$3\r\n100\r\n');
	});
});
