// Public API of src/presets. Owned by the presets area; filled in as the area lands.
export {};
