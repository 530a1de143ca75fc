/** Wire calls of the billing area: filled by its resource's issue work. */
export {};
