/** Exit codes of every command, in a module of their own so that parsing the command line (help, version) loads nothing else. */
export const EXIT = { ok: 0, contentErrors: 1, usage: 2 } as const;
