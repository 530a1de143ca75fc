/** Wire calls of the appointments area: filled by its resource's issue work. */
export {};
