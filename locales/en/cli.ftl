# Messages of cli. Conventions: locales/README.md.
