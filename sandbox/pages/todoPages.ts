import type { HandlerArgs, PageRoute } from '../http/routes';
import { cell, esc, table } from './html';
import { portalPage } from './corePages';
import { todoItems } from '../handlers/todo';

/** The To-Do page a person opens from the dashboard; same items as the todo/list handler. */
function todoPage(args: HandlerArgs): string {
	const rows = todoItems(args.state, args.user).map((item) => [
		cell('todo-type', item.type),
		cell('todo-title', item.title),
		cell('todo-count', item.ids.length),
		`<td data-testid="todo-record-ids" data-record-kind="${item.recordKind}">${esc(item.ids.join(','))}</td>`,
	]);
	return portalPage(args, 'To-Do', `<h1 data-testid="todo-heading">To-Do</h1>${table('todo-list', ['Type', 'Item', 'Count', 'Records'], rows)}`);
}

export const TODO_PAGES: PageRoute[] = [
	{ name: 'page/todo', pattern: /^\/app\/todo\/?$/i, provenance: 'assumed', description: 'To-Do list of the logged-in user: `todo-list` table with `todo-type`, `todo-title`, `todo-count`, `todo-record-ids` cells', render: todoPage },
];
