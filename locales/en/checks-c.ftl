# Messages of checks-c. Conventions: locales/README.md.
