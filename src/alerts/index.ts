// Public API of src/alerts. Owned by the alerts area; filled in as the area lands.
export {};
