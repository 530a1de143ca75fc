import type { PageRoute } from '../http/routes';

export const ERA_PAGES: PageRoute[] = [];
