import type { PortalHandler } from '../http/routes';

export const NOTES_HANDLERS: PortalHandler[] = [];
