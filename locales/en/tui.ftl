# Messages of tui. Conventions: locales/README.md.
