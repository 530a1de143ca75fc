import type { PortalHandler } from '../http/routes';

export const TODO_HANDLERS: PortalHandler[] = [];
