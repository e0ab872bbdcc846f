// Public API of src/validation. Owned by the validation area; filled in as the area lands.
export {};
