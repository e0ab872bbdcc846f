// Public API of src/constructs. Owned by the constructs area; filled in as the area lands.
export {};
