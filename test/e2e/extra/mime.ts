import type { CapturedMessage } from '../fakes/smtp';

/**
 * Just enough MIME to read what n8n's Send Email (nodemailer) writes: headers, the text part and
 * attachments of a multipart message, with base64 and quoted-printable bodies decoded.
 */

export interface MimePart {
	headers: Record<string, string>;
	body: Buffer;
}

export interface ReadMessage {
	to: string[];
	subject: string;
	text: string;
	attachments: Array<{ fileName: string; contentType: string; content: Buffer }>;
}

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
	const at = raw.search(/\r?\n\r?\n/);
	const head = at < 0 ? raw : raw.slice(0, at);
	const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
	const headers: Record<string, string> = {};
	for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
	if (/base64/i.test(encoding ?? '')) return Buffer.from(body.replace(/\s+/g, ''), 'base64');
	if (/quoted-printable/i.test(encoding ?? '')) {
		const soft = body.replace(/=\r?\n/g, '');
		return Buffer.from(soft.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
	}
	return Buffer.from(body, 'utf8');
}

const param = (header: string | undefined, name: string) => new RegExp(`${name}="?([^";]+)"?`, 'i').exec(header ?? '')?.[1];

function parts(raw: string): MimePart[] {
	const { headers, body } = splitHead(raw);
	const boundary = param(headers['content-type'], 'boundary');
	if (!/^multipart\//i.test(headers['content-type'] ?? '') || !boundary) return [{ headers, body: decodeBody(body, headers['content-transfer-encoding']) }];
	const chunks = body.split(`--${boundary}`).slice(1);
	return chunks.filter((chunk) => !chunk.startsWith('--')).flatMap((chunk) => parts(chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
}

export function readMessage(message: CapturedMessage): ReadMessage {
	const all = parts(message.data);
	const isAttachment = (p: MimePart) => /attachment/i.test(p.headers['content-disposition'] ?? '') || param(p.headers['content-type'], 'name') !== undefined;
	const textPart = all.find((p) => !isAttachment(p) && /text\/plain/i.test(p.headers['content-type'] ?? 'text/plain'));
	return {
		to: message.to,
		subject: message.subject,
		text: textPart ? textPart.body.toString('utf8') : '',
		attachments: all.filter(isAttachment).map((p) => ({
			fileName: param(p.headers['content-disposition'], 'filename') ?? param(p.headers['content-type'], 'name') ?? '',
			contentType: (p.headers['content-type'] ?? '').split(';')[0],
			content: p.body,
		})),
	};
}

/** RFC 4180 CSV: quoted fields with doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): Array<Record<string, string>> {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const endField = () => {
		row.push(field);
		field = '';
	};
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted && c === '"' && text[i + 1] === '"') {
			field += '"';
			i++;
		} else if (c === '"') quoted = !quoted;
		else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) field += c;
		else if (c === ',') endField();
		else {
			if (c === '\r' && text[i + 1] === '\n') i++;
			endField();
			rows.push(row);
			row = [];
		}
	}
	if (field !== '' || row.length > 0) {
		endField();
		rows.push(row);
	}
	const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
	if (header?.[0]) header[0] = header[0].replace(/^\uFEFF/, '');
	return body.map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}
