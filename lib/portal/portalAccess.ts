/** Wire calls of the portalAccess area: filled by its resource's issue work. */
export {};
