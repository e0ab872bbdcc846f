// Public API of src/schedule. Owned by the schedule area; filled in as the area lands.
export {};
