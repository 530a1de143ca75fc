import type { PageRoute } from '../http/routes';

export const NOTE_PAGES: PageRoute[] = [];
