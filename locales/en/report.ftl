# Messages of report. Conventions: locales/README.md.
