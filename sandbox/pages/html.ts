/** Minimal server-side rendering helpers: every value put in markup goes through `esc`. */
export function esc(value: unknown): string {
	return String(value ?? '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

export function layout(title: string, body: string, extraHead = ''): string {
	return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - TherapyNotes</title>${extraHead}
<style>body{font-family:sans-serif;margin:0}header{background:#1b4f72;color:#fff;padding:8px 16px}main{padding:16px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style>
</head><body><header class="tn-header">TherapyNotes &middot; ${esc(title)}</header><main class="tn-main">${body}</main></body></html>`;
}

export function table(testId: string, headers: string[], rows: string[][]): string {
	const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
	const body = rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n');
	return `<table class="tn-table" data-testid="${testId}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A table cell carrying a data-testid so a page reader (or a browser bot) can find the value. */
export function cell(testId: string, value: unknown): string {
	return `<td data-testid="${testId}">${esc(value)}</td>`;
}
