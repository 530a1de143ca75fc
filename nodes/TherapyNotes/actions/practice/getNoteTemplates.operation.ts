import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import type { PracticeTemplateFilter } from '../../../../lib/client';
import { runPerItem } from '../runPerItem';

const properties: INodeProperties[] = [
	{
		displayName: 'Note Type',
		name: 'noteType',
		type: 'options',
		options: [
			{ name: 'Any', value: 'any' },
			{ name: 'Contact Note', value: 'contactNote' },
			{ name: 'Intake', value: 'intake' },
			{ name: 'Progress Note', value: 'progressNote' },
			{ name: 'Psychotherapy Note', value: 'psychotherapyNote' },
			{ name: 'Termination', value: 'termination' },
			{ name: 'Treatment Plan', value: 'treatmentPlan' },
		],
		default: 'any',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['practice'], operation: ['getNoteTemplates'] } }, properties);

/** One item per template, with its starting text per note section (template text, not patient data). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return runPerItem.call(this, items, async function (client, itemIndex) {
		const noteType = this.getNodeParameter('noteType', itemIndex, 'any') as string;
		const filter = (noteType === 'any' ? {} : { noteType }) as PracticeTemplateFilter;
		return (await client.practice.noteTemplates(filter)).map((template) => ({ ...template }));
	});
}
