import type { PageRoute } from '../http/routes';

export const TODO_PAGES: PageRoute[] = [];
