// Imported first by the one-shot commands (migrate, seed, check:translations, media:extract-text),
// which all end with process.exit. Under Node 20, tsx's module hooks run on a thread of their own,
// and while an import() waits on it nothing holds the event loop: Node ends the process as if the
// work were done (exit 13 with a top-level await; a silent exit 0 without one, which made
// check:translations report success having checked one collection). This timer holds the loop
// until the command exits.
setInterval(() => undefined, 2 ** 30)
