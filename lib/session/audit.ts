/**
 * One line per portal call and per write: operation, record ids, outcome, duration. Only ids and
 * operation names go in — never field values, names, cookies or secrets.
 */
export interface AuditLine {
	at: string;
	operation: string;
	kind: 'call' | 'write' | 'login';
	ids: (string | number)[];
	outcome: string;
	status?: number;
	attempt: number;
	durationMs: number;
}

export type AuditSink = (line: AuditLine) => void;

export const silentAudit: AuditSink = () => undefined;

export function formatAuditLine(line: AuditLine): string {
	const ids = line.ids.length ? ` ids=${line.ids.join(',')}` : '';
	const status = line.status === undefined ? '' : ` status=${line.status}`;
	return `therapynotes ${line.kind} op=${line.operation}${ids} outcome=${line.outcome}${status} attempt=${line.attempt} ms=${line.durationMs}`;
}
