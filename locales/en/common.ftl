# Words every face shares. Field reference and conventions: locales/README.md.

status-pass = PASS
status-fail = FAIL
status-warn = WARN
status-advice = ADVICE
status-blocked = BLOCKED
status-unknown = UNKNOWN
status-not-applicable = N/A
account-consumer = consumer
account-provider = provider
