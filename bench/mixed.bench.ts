import { startSandbox } from '../sandbox/server';
import { BrowserBot } from './browserBot';
import { ourClient } from './fixtures';
import { planOps, runOurs, type Op } from './mixedOps';
import { median } from './stats';
import { round, timeOnce } from './timing';

const OPS = 200;

async function eachInTurn(ops: Op[], run: (op: Op) => Promise<void>): Promise<void> {
	for (const op of ops) await run(op);
}

/**
 * 200 mixed operations (reads and writes, see mixedOps.ts) through our client, against a browser
 * bot doing the same mix page by page, on a `group` sandbox. Our 200 run three times (before and
 * after the bot, median); the bot runs a fixed sample of the same mix (`botSample` operations, the
 * first ones of its plan: whole ten-operation cycles) and is compared per operation.
 */
export async function runMixedBench(options: { botSample?: number } = {}) {
	const botSample = options.botSample ?? 40;
	const sandbox = await startSandbox({ seed: 2, size: 'group', port: 0 });
	const bot = await BrowserBot.start(sandbox, 'clinician.5');
	try {
		const client = ourClient(sandbox, 'clinician.4'); // a clinician: only clinicians add addenda
		const ours = planOps(sandbox, OPS, 0);
		const theirs = planOps(sandbox, botSample, 1);
		await client.practice.todoList(); // logs in
		await bot.run({ kind: 'todo', id: 0, encryptedId: '', day: '' }); // the browser's first page
		const oursMs = [await timeOnce(() => eachInTurn(ours, (op) => runOurs(client, op)))];
		const botMs = await timeOnce(() => eachInTurn(theirs, (op) => bot.run(op)));
		oursMs.push(await timeOnce(() => eachInTurn(ours, (op) => runOurs(client, op))));
		oursMs.push(await timeOnce(() => eachInTurn(ours, (op) => runOurs(client, op))));
		const oursPerOp = median(oursMs) / OPS;
		const botPerOp = botMs / botSample;
		return {
			bot_ratio: round(botPerOp / oursPerOp, 1),
			mixed_ops_ours_ms_per_op: round(oursPerOp, 2),
			mixed_ops_bot_ms_per_op: round(botPerOp, 1),
			mixed_ops_bot_sample: botSample,
		};
	} finally {
		await bot.close();
		await sandbox.close();
	}
}
