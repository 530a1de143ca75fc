/** Wire calls of the practice area: filled by its resource's issue work. */
export {};
