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

## The path view (TUI, HTML and Markdown reports)
path-hop-client = client
path-hop-dns = DNS answer
path-hop-interface = endpoint interface
path-hop-privatelink = PrivateLink
path-hop-load-balancer = load balancer node
path-hop-target-group = target group
path-hop-targets = targets
path-hop-subnet = subnets
path-hop-route-table = route table
path-hop-prefix-list = prefix-list route
path-hop-service = service
path-privatelink-label = PrivateLink
path-client-inside = inside the VPC
path-client-outside = outside the VPC
path-client-unknown = client
path-dns-no-name = no DNS name
path-dns-no-records = no records
path-dns-timeout = timed out
path-no-node = no { $lb } node
path-broken-no-node = no load balancer node in { $zone }: this zone's interface reaches nothing
path-broken-no-healthy = no healthy target of { $tg } in { $zone } and cross-zone is off: clients using this zone's interface fail
path-cross-zone-served = { $tg }: served across zones by { $healthy } healthy targets elsewhere
path-targets-of = { $tg }: { $healthy }/{ $total } healthy here, cross-zone { $cross }
path-targets-healthy = { $healthy }/{ $total } healthy
path-targets-cross-zone = { $healthy }/{ $total } ⇢ cross-zone
path-main-table-subnets = every subnet without its own table
path-no-route = no route
path-broken-table-gone = route table { $route_table } no longer exists
path-broken-no-route = { $route_table } has no route to the service's prefix list
path-lattice-label = VPC Lattice
path-heading = The path
