/** Wire calls of the eras area: filled by its resource's issue work. */
export {};
