# Messages of checks-a. Conventions: locales/README.md.
