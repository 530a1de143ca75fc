/** Wire calls of the claims area: filled by its resource's issue work. */
export {};
