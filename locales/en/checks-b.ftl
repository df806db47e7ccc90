# Messages of checks-b. Conventions: locales/README.md.
