/** Wire calls of the notes area: filled by its resource's issue work. */
export {};
