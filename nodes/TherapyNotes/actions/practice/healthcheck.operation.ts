import { type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { runPerItem } from '../runPerItem';

/**
 * Logs in and reads one page of every area. It does not fail when an area fails: the item says
 * `ok: false` and each area's problem ("changed shape: <handler> <field>", or the error's class),
 * so a workflow can branch on it and alert.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async (client) => {
		const report = await client.practice.healthcheck();
		return { ok: report.ok, checkedAt: report.checkedAt, areas: report.areas.map((area) => ({ ...area })) };
	});
}
