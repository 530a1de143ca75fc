import type { HandlerArgs, PageRoute } from '../http/routes';
import { esc } from './html';
import { portalPage } from './corePages';
import { claimIdFor, eraFileText, eraPayerName, eraRow, findEra, remittanceOf } from '../handlers/erasRemittance';
import { formatAmount } from '../x12/amounts';
import type { Adjustment, ClaimPayment } from '../x12/model';
import { toPortalDate } from '../util/dates';

const CLAIM_STATUS_NAMES: Record<string, string> = {
	'1': 'Processed as Primary',
	'2': 'Processed as Secondary',
	'3': 'Processed as Tertiary',
	'4': 'Denied',
	'22': 'Reversal of Previous Payment',
};

const adjustmentText = (adjustments: Adjustment[]) => adjustments.map((a) => `${a.group}-${a.reason} ${formatAmount(a.amountCents)}`).join('; ');

/** One row per claim the payer answered, with the cells PORTAL.md lists. */
function claimLine(payerName: string, claim: ClaimPayment, claimExists: boolean): string {
	const lines = claim.lines;
	const cells: [string, string][] = [
		['era-claim-number', claim.patientControlNumber],
		['era-payer', payerName],
		['era-patient', `${claim.patient.lastName}, ${claim.patient.firstName}`],
		['era-service-code', lines.map((l) => l.code).join(', ')],
		['era-modifiers', lines.map((l) => l.modifiers.join(':')).join(', ')],
		['era-service-date', lines[0]?.serviceDate ? toPortalDate(lines[0].serviceDate) : ''],
		['era-charged', formatAmount(claim.chargeCents)],
		['era-paid', formatAmount(claim.paidCents)],
		['era-patient-amount', formatAmount(claim.patientResponsibilityCents)],
		['era-adjustments', adjustmentText([...claim.adjustments, ...lines.flatMap((l) => l.adjustments)])],
		['era-claim-status', CLAIM_STATUS_NAMES[claim.statusCode] ?? `Status ${claim.statusCode}`],
		['era-payer-claim-number', claim.payerClaimNumber ?? ''],
	];
	const attributes = `data-testid="era-claim-line" data-claim-number="${esc(claim.patientControlNumber)}" data-matched="${claimExists}"`;
	return `<tr ${attributes}>${cells.map(([id, value]) => `<td data-testid="${id}">${esc(value)}</td>`).join('')}</tr>`;
}

function viewEra(args: HandlerArgs, match: RegExpExecArray): string {
	const era = findEra(args.state, match[1]);
	const row = eraRow(args.state, era);
	const remittance = remittanceOf(args.state, era);
	const payerName = eraPayerName(args.state, era);
	const facts: [string, string, string][] = [
		['Trace number', 'era-trace-number', era.traceNumber],
		['Check date', 'era-check-date', row.CheckDate],
		['Received', 'era-received-date', row.ReceivedDate],
		['Payment', 'era-payment-amount', formatAmount(era.amountCents)],
		['Claims', 'era-claim-count', String(row.ClaimCount)],
		['Status', 'era-status', era.status],
	];
	const lines = remittance.claims.map((c) => claimLine(payerName, c, claimIdFor(args.state, c.patientControlNumber) !== null));
	const headers = ['Claim', 'Payer', 'Patient', 'Code', 'Modifiers', 'Date', 'Charged', 'Paid', 'Patient', 'Adjustments', 'Status', 'Payer claim #'];
	const body = `<section data-testid="era-detail" data-era-id="${era.id}" data-encrypted-id="${esc(era.encryptedId)}">
<h1 data-testid="era-payer-name">${esc(payerName)}</h1>
<dl>${facts.map(([label, id, value]) => `<dt>${esc(label)}</dt><dd data-testid="${id}">${esc(value)}</dd>`).join('')}</dl>
<a data-testid="era-download" href="/app/billing/eras/download/${era.id}/">Download 835</a>
<table class="tn-table" data-testid="era-claims"><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>
${lines.join('\n')}
</tbody></table>
</section>`;
	return portalPage(args, 'ERA', body);
}

function downloadEra(args: HandlerArgs, match: RegExpExecArray) {
	const era = findEra(args.state, match[1]);
	return { text: eraFileText(args.state, era), contentType: 'application/edi-x12; charset=utf-8', fileName: era.fileName ?? `ERA-${era.id}.835` };
}

export const ERA_PAGES: PageRoute[] = [
	{ name: 'page/eraview', pattern: /^\/app\/billing\/eras\/view\/([A-Za-z0-9_-]{1,40})\/?$/i, provenance: 'confirmed', description: 'ERA at `/app/billing/eras/view/<ID>/` (URL confirmed, markup assumed): `era-detail` facts and an `era-claims` table with one `era-claim-line` row per claim (`era-payer`, `era-patient`, `era-service-code`, `era-service-date`, `era-charged`, `era-paid`, `era-patient-amount`, `era-adjustments`, …)', render: viewEra },
	{ name: 'page/eradownload', pattern: /^\/app\/billing\/eras\/download\/([A-Za-z0-9_-]{1,40})\/?$/i, provenance: 'assumed', description: 'The ERA as an 835 file (`application/edi-x12`): the uploaded text, or one the sandbox writes for a generated ERA', render: downloadEra },
];
