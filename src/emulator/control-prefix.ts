/** Where the control API lives; no eBay path starts with a double underscore. */
export const CONTROL_PREFIX = '/__emulator';
