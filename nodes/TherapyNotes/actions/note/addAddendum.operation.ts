import { noteActionOperation } from './fields';

/** Adds to a signed note; the note itself stays as it was signed. */
export const { description, execute } = noteActionOperation(
	'addAddendum',
	function (client, noteId, options, itemIndex) {
		return client.notes.addAddendum(noteId, this.getNodeParameter('text', itemIndex, '') as string, options);
	},
	[
		{
			displayName: 'Addendum Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'Added below the signed note, which itself stays unchanged (up to 20,000 characters)',
		},
	],
);
