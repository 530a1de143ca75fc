import type { PageRoute } from '../http/routes';

export const NOTE_PAGES: PageRoute[] = [];
export const ERA_PAGES: PageRoute[] = [];
export const TODO_PAGES: PageRoute[] = [];
