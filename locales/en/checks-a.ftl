# Messages of checks-a. Conventions: locales/README.md.

## endpoint.rs

# The end of "{type} endpoints …" (the frame is in src/checks/mod.rs).
endpoint-why-no-private-dns-setting = have no private DNS setting
endpoint-why-no-private-dns = do not use private DNS
endpoint-why-regional = are regional: they have no subnets
endpoint-why-route-tables = are judged by their route tables, not an IP address type
endpoint-why-not-interface = are not interface endpoints with private DNS
probe-why-no-addresses = have no addresses of their own to connect to

endpoint-deleted = {$id} was deleted; it no longer carries traffic
endpoint-found-an = {$id} is an {$kind} endpoint to {$target} in {$vpc}
endpoint-found-a = {$id} is a {$kind} endpoint to {$target} in {$vpc}
endpoint-field-name-tag = Name tag
endpoint-not-found-in-account = no VPC endpoint {$id} in account {$account}, region {$region}
endpoint-not-found-here = no VPC endpoint {$id} in this account, region {$region}
endpoint-field-error = error
endpoint-none = (none)
endpoint-state-available = {$id} is available
endpoint-state-pending-acceptance = {$id} is pendingAcceptance: the service owner has not accepted the connection, so every connection times out
endpoint-state-pending = {$id} is pending: accepted but still being provisioned; it carries no traffic yet
endpoint-state-rejected = {$id} is rejected: the service owner refused the connection (possibly after it worked)
endpoint-no-last-error = no LastError was given
endpoint-state-failed = {$id} failed to provision ({$last_error})
endpoint-state-expired = {$id} is expired: the connection request was never accepted
endpoint-state-deleting = {$id} is {$state}
endpoint-state-unrecognised = {$id} reports state {$state}, which this tool does not know
endpoint-partial-unreadable = {$id} is partial: provisioned in some zones only (its interfaces could not be read: {$error})
endpoint-no-interface = no interface
endpoint-partial-none-in-use = {$id} is partial and none of its interfaces is in use: no client is served
endpoint-partial-all-in-use = {$id} is partial: AWS reports that it failed in some zone, yet each of its {$count} interface(s) is in use; read FailureReason and LastError
endpoint-partial-some-subnets = {$id} is partial: served in {$working} of {$count} subnet(s); clients in {$broken} (and the zonal DNS names there) get nothing
endpoint-table-interfaces = endpoint interfaces
endpoint-col-subnet = subnet
endpoint-col-zone = zone
endpoint-col-interface = interface
endpoint-col-status = status
endpoint-private-dns-enabled = private DNS is enabled on the endpoint
endpoint-field-note = note
endpoint-no-private-dns-name = {$service} offers no private DNS name; clients use the endpoint's own DNS names
endpoint-private-dns-answers = private DNS is enabled: {$name} answers inside {$vpc}
endpoint-private-dns-off-zone-answers = private DNS is off and private hosted zone {$zone} answers for {$name} with the endpoint's addresses
endpoint-private-dns-off-resolves = private DNS is off, yet {$name} resolves to the endpoint's addresses as the VPC asks (a resolver rule or your own DNS answers for it)
endpoint-private-dns-off-own-zone = private DNS is off and your private hosted zone {$zone} answers for {$name} in {$vpc} (not resolved from here: run inside the VPC or pass --dns-server to see its answer)
endpoint-private-dns-off-zone-wrong = private DNS is off and private hosted zone {$zone} holds {$name}, but the name does not resolve to the endpoint's addresses
endpoint-private-dns-off-parent-zone = private DNS is off; the parent zone {$zone} answers for everything under it in {$vpc}, so {$name} resolves only if that zone holds a record for it (not resolved from here: run inside the VPC or pass --dns-server)
endpoint-private-dns-disabled = private DNS is disabled: inside {$vpc} the name {$name} does not lead to the endpoint
endpoint-field-zones-for-name = private hosted zones for the name
endpoint-field-answer = answer
endpoint-dns-support-on = {$vpc} has enableDnsSupport = true
endpoint-dns-support-off = {$vpc} has enableDnsSupport = false: the Amazon-provided resolver does not answer in this VPC
endpoint-dns-hostnames-on = {$vpc} has enableDnsHostnames = true
endpoint-dns-hostnames-off = {$vpc} has enableDnsHostnames = false, so the endpoint's private DNS name is not served
endpoint-dns-hostnames-off-zone = {$vpc} has enableDnsHostnames = false, and private hosted zone {$zone} ({$zone_id}) serves the service's name there: Route 53 private zones need both VPC DNS attributes
endpoint-dns-hostnames-off-unneeded = {$vpc} has enableDnsHostnames = false, which this endpoint does not need: private DNS is off and no private hosted zone of the VPC serves the service's name
endpoint-no-subnet = {$id} has no subnet: it has no interface at all
endpoint-one-subnet = {$id} has one subnet ({$subnet}): an outage of that Availability Zone cuts every client off
endpoint-subnets-pass = {$count} subnets in {$zones} Availability Zones
endpoint-table-subnets = endpoint subnets
endpoint-ip-type-unrecognised = could not tell: {$id} reports {$what}, a value this tool does not know (known: ipv4, ipv6, dualstack; records also service-defined); check it against the AWS documentation
endpoint-field-ip-address-type = endpoint IpAddressType
endpoint-subnet-no-ipv6 = the endpoint is {$ip_type} but subnet {$subnet} has no IPv6 CIDR
endpoint-subnet-ipv6-only = the endpoint is {$ip_type} but subnet {$subnet} is IPv6-only (no IPv4 range)
endpoint-service-supports-only = the endpoint is {$ip_type} but the service supports only {$supported}
endpoint-records-without-ipv6 = DNS records are {$record} but the endpoint has no IPv6 address ({$ip_type})
endpoint-records-ipv4-on-ipv6 = DNS records are ipv4 but the endpoint has only IPv6 addresses
endpoint-records-ipv4-on-dualstack = the endpoint is dualstack but its DNS records are ipv4 only: IPv6-only clients get no AAAA record
endpoint-ip-type-pass-records = {$ip_type} endpoint with {$record} DNS records, consistent with the service and its subnets
endpoint-ip-type-pass = {$ip_type} endpoint, consistent with the service and its subnets
endpoint-no-ipv6 = no IPv6
endpoint-subnet-not-found = not found
endpoint-not-reported-ipv4 = not reported (IPv4 assumed)
endpoint-not-reported = not reported
endpoint-field-service-supports = service supports
endpoint-field-subnets = subnets
endpoint-companion-not-limited = private DNS of {$id} is not limited to inbound Resolver endpoints (PrivateDnsOnlyForInboundResolverEndpoint is off): the VPC's clients use the interface endpoint itself
endpoint-companion-pass = gateway endpoint {$gateway} for {$service} carries the traffic of {$vpc}'s own clients (route tables {$route_tables}); clients on premises use {$id} through an inbound Resolver endpoint
endpoint-none-word = none
endpoint-companion-missing = {$vpc} has no gateway endpoint for {$service}
endpoint-companion-unavailable = the gateway endpoint of {$vpc} for {$service} is not available ({$states})
endpoint-companion-fail = private DNS of {$id} answers only inbound Resolver endpoints, so the VPC's own clients resolve {$service} to its public addresses, but {$what}: their traffic leaves through a NAT or internet gateway, or not at all
endpoint-table-companions = gateway endpoints for the service in the VPC
endpoint-col-endpoint = endpoint
endpoint-col-state = state
endpoint-col-route-tables = route tables

## provider.rs

provider-gwlb-backed = {$service} is backed by a Gateway Load Balancer ({$lbs}), not a Network Load Balancer: its state is judged by nlb.state and its appliances' health by gwlb.target_health
provider-aws-owned = {$service} is owned by AWS: there is no provider side to inspect
provider-found = {$service} ({$name}) is visible to the provider account
provider-field-provider-account = provider account
provider-not-found = {$service} does not exist in the provider account (deleted, or another account/region)
provider-state-available = {$service} is Available
provider-state-not-available = {$service} is {$state}, not Available
provider-no-connection = {$service} has no connection from {$id} ({$count} connection(s) from other endpoints)
provider-connection-available = the provider sees {$id} as available
provider-connection-pending = the provider has not accepted {$id} (pendingAcceptance)
provider-connection-rejected = the provider rejected {$id}
provider-connection-other = the provider sees {$id} as {$state}
provider-principals-star = every AWS account is allowed (*), {$account} included
provider-principals-account = account {$account} is allowed ({$principal})
provider-principals-one = {$principal} is allowed: only that principal of {$account} can create endpoints; others in the account cannot
provider-principals-missing-accepted = consumer account {$account} is not an allowed principal of {$service}: {$id} was accepted and keeps working, but new endpoints from this account would be refused
provider-principals-missing = consumer account {$account} is not an allowed principal of {$service}
provider-field-endpoint-state = endpoint state
provider-field-consumer-account = consumer account
provider-table-principals = allowed principals
provider-col-principal = principal
provider-acceptance-required = new connections need the owner's acceptance
provider-acceptance-automatic = connections are accepted automatically: every allowed principal connects at once
provider-acceptance-unreported = could not check: the service does not report AcceptanceRequired
provider-service-invisible = could not check: the service is visible to neither account
provider-no-private-dns-name = {$service} offers no private DNS name
provider-verification-unreported = could not check: the {$seen_by} view of the service does not report the verification state of {$name}
provider-verified = {$name} is verified
provider-not-verified = {$name} is {$state}, not verified: consumers cannot use it until the TXT record is found
provider-field-verification-state = verification state
provider-field-seen-by = seen by
provider-field-txt-record = TXT record
provider-no-lb = {$service} has no load balancer
provider-lb-missing = {$lb} does not exist
provider-lb-state-reason = {$lb} is {$state} ({$reason})
provider-lb-state = {$lb} is {$state}
provider-gwlbs-active = {$count} gateway load balancer(s) active: {$names}
provider-lbs-active = {$count} load balancer(s) active: {$names}
provider-table-lbs = load balancers
provider-col-name = name
provider-col-type = type
provider-col-scheme = scheme
provider-col-zones = zones
provider-lbs-internal = {$count} load balancer(s), all internal
provider-lb-public = {$lb} is {$scheme}: also reachable from the internet
provider-no-listener = {$lb} has no listener: it accepts no connection
provider-no-listener-on-port = {$lb} has no listener on port {$port}
provider-listeners-pass = {$count} listener(s); consumers may use ports {$ports}
provider-listeners-for-ports = listeners exist for port(s) {$ports}
provider-table-listeners = listeners
provider-col-load-balancer = load balancer
provider-col-port = port
provider-col-protocol = protocol
provider-col-target-groups = target groups
provider-no-forwarding-listener = could not check: no listener forwards to a target group
provider-tg-no-targets = {$tg} has no registered targets
provider-tg-unhealthy = {$tg}: {$healthy} of {$count} targets healthy ({$bad})
provider-targets-healthy = all {$count} target(s) in {$groups} target group(s) are healthy
provider-table-target-health = target health
provider-col-target-group = target group
provider-col-target = target
provider-col-reason = reason
provider-col-description = description
provider-target-lb-missing = {$tg}: target load balancer {$lb} does not exist
provider-target-alb-state = {$tg}: target ALB {$lb} is {$state}
provider-hc-port = the health-check port
provider-no-reason = no reason given

## gateway.rs

gateway-gwlb-no-prefix-routes = GatewayLoadBalancer endpoints get no managed prefix-list routes: the routes that name the endpoint are judged by gwlb.route_tables
gateway-no-route-tables-for-kind = {$kind} endpoints do not use route tables
gateway-no-route-tables = {$id} is associated with no route table, so no subnet uses it
gateway-yes = yes
gateway-no = no
gateway-no-prefix-route = {$route_table} has no prefix-list route to {$id}
gateway-route-table-gone = associated route table {$route_table} no longer exists
gateway-main-table = {$route_table} (main)
gateway-subnet-not-associated = {$subnet} uses {$route_table}, which is not associated with the endpoint
gateway-no-subnet-served = no subnet of {$vpc} uses a route table associated with the endpoint
gateway-routes-warn = {$warnings} (pass --from to name the clients' subnet)
gateway-routes-pass = {$count} route table(s) route the service's prefix list to {$id}
gateway-routes-pass-others = {$count} route table(s) route the service's prefix list to {$id}; {$others} subnet(s) use other route tables ({$subnets}): pass --from with a client's subnet to judge it
gateway-routes-pass-others-from = {$count} route table(s) route the service's prefix list to {$id}; {$others} subnet(s) use other route tables ({$subnets}), no client named with --from is in them
gateway-col-effective-route-table = effective route table
gateway-col-associated = associated
gateway-col-prefix-list-route = prefix-list route
gateway-no-policy = {$id} has no endpoint policy: every request is let through
gateway-policy-unreadable = could not check: {$error}
gateway-policy-full-access = the endpoint policy allows full access (the default); the guide recommends least privilege: allow only the actions and resources your clients use
gateway-policy-restrictive = the endpoint policy is restrictive ({$statements} statement(s)); pass --expect-action/--expect-resource to test the request your clients make
gateway-field-request = request
gateway-request = {$action} on {$resource}

## xregion.rs

xregion-bad-region = could not tell: the endpoint's ServiceRegion {$raw} is not a region name this tool can ask; its service's side was read in {$region} instead
xregion-same-region = {$id} reaches its service in its own region ({$region}): no cross-region access to judge
xregion-field-provider-view = provider view
xregion-field-consumer-region = consumer region
xregion-not-offered = {$service} (in {$remote}) does not offer {$here}: the consumer's region is not among its SupportedRegions, so the cross-region endpoint carries no traffic
xregion-no-state = could not check: {$service} lists {$here} among its SupportedRegions without a ServiceState
xregion-remote-access-off = {$service} lists {$here} but reports RemoteAccessEnabled=false: consumers in other regions cannot connect
xregion-table-regions = supported regions
xregion-col-region = region
xregion-state-available = {$service} (in {$remote}) offers {$here}: its ServiceState there is Available
xregion-state-pending = {$service} offers {$here} but the region is still Pending: cross-region connections start once AWS has enabled it
xregion-state-removed = {$service} no longer offers {$here} (ServiceState {$state}): the provider removed the region
xregion-state-failed = enabling {$here} on {$service} failed (ServiceState Failed): the region carries no traffic
xregion-state-unknown = could not tell: {$service} reports ServiceState {$state} for {$here}, a value this tool does not know; Available is the only state that carries traffic
xregion-consumer-offered = {$service} is offered in {$here} from {$remote}: the consumer sees it with --service-regions {$remote}
xregion-field-consumer-service-region = ServiceRegion (consumer's view)
xregion-aws-not-offered = AWS does not offer {$service} to {$here} across regions: DescribeVpcEndpointServices with --service-regions {$remote} does not list it
xregion-not-visible = {$service} is not visible from {$here} with --service-regions {$remote}: the service does not offer {$here}, or this principal is not among its allowed principals (creating a cross-region endpoint also needs the vpce:AllowMultiRegion permission)

## probe.rs

probe-off = active probes are off: pass --probe to open a TCP connection to each endpoint address (the tool sends no traffic by default)
probe-outside = this machine is outside {$vpc} ({$detail}): a connect from here says nothing about clients in the VPC; run `vpce-doctor check {$id} --probe` on an instance in {$vpc}
probe-no-addresses = could not check: {$id} has no interface addresses
probe-open = open ({$ms} ms)
probe-refused = {$address} refused the connection
probe-cell-refused = refused
probe-timeout = {$address} did not answer within {$ms} ms
probe-cell-timeout = timeout ({$ms} ms)
probe-cell-error = error: {$message}
probe-pass = every endpoint address accepts TCP {$ports} ({$count} connection(s))
probe-field-vantage = vantage
probe-field-ports = ports
probe-table = TCP connect from this machine
probe-col-address = address
probe-col-result = result

## policy.rs, findings.rs

policy-not-json = the policy is not valid JSON: {$error}
findings-could-not-check = could not check: {$reasons}

## gwlb.rs

gwlb-not-gwlb-endpoint = {$kind} endpoints are not Gateway Load Balancer endpoints
gwlb-attached-main = main table (every subnet without its own)
gwlb-attached-none = no subnet (a gateway's edge table, or unused)
gwlb-route-blackhole = {$route_table} sends {$destination} to {$id} but the route is a blackhole: that traffic is dropped
gwlb-route-state-unknown = the route {$destination} → {$id} in {$route_table} is in state {$state}, which this tool does not know
gwlb-no-routes = no route table in {$vpc} sends traffic to {$id}: nothing reaches the appliances (a Gateway Load Balancer endpoint is used only as the target of routes)
gwlb-routes-pass = {$active} active route(s) in {$vpc} send traffic to {$id}
gwlb-table-routes = routes to the endpoint
gwlb-col-route-table = route table
gwlb-col-destination = destination
gwlb-col-used-by = used by
gwlb-client-in-endpoint-subnet = the client's subnet {$subnet} is the endpoint's own subnet: its traffic does not pass through {$id} (put the clients in other subnets)
gwlb-client-bypasses = the client's subnet {$subnet} uses {$route_table}, which sends no traffic to {$id}: its traffic bypasses the appliances
gwlb-no-subnet = {$id} has no subnet, so it has no interface to route to
gwlb-zone-not-served = {$id} has its one interface in {$zone}, which {$service} does not serve (it offers {$offered}): the endpoint carries no traffic
gwlb-one-subnet = {$id} has its one interface in {$subnet} (a Gateway Load Balancer endpoint serves one Availability Zone; other zones need their own endpoint)
gwlb-one-subnet-zone = {$id} has its one interface in {$subnet} ({$zone}) (a Gateway Load Balancer endpoint serves one Availability Zone; other zones need their own endpoint)
gwlb-many-subnets = {$id} lists {$count} subnets, but AWS gives a Gateway Load Balancer endpoint exactly one: this description is not one vpce-doctor can judge
gwlb-table-subnet = endpoint subnet
gwlb-aws-owned = {$service} is owned by AWS: its appliances are not visible
gwlb-no-gwlb = {$service} names no Gateway Load Balancer: a Gateway Load Balancer endpoint has nothing to send traffic to
gwlb-no-forwarding-listener = no listener of {$lbs} forwards to a target group: the appliances receive nothing
gwlb-healthy = all {$total} appliance(s) in {$groups} target group(s) of the Gateway Load Balancer are healthy (GENEVE, port 6081)
gwlb-table-health = appliance health
gwlb-no-appliances = {$tg} has no registered appliances
gwlb-unhealthy = {$tg}: {$healthy} of {$count} appliance(s) healthy ({$bad})

## lattice.rs

lattice-no-associations-for-kind = {$kind} endpoints have no VPC Lattice associations
lattice-no-failure-reason = no failure code or reason was given
lattice-pending = {$what} is PENDING: VPC Lattice is still setting it up, and it is not reachable until it is AVAILABLE
lattice-pending-reason = {$what} is PENDING: VPC Lattice is still setting it up, and it is not reachable until it is AVAILABLE ({$reason})
lattice-failed = {$what} FAILED: it is not reachable through {$id} ({$failure})
lattice-no-accessibility = {$what}: DescribeVpcEndpointAssociations gave no accessibility
lattice-accessibility-unknown = {$what} reports accessibility {$accessibility}, which vpce-doctor does not know yet
lattice-resource-direct = {$id} lists no association of its own; it reaches {$target} directly (its state is judged by endpoint.state)
lattice-no-association = {$id} has no association yet: it reaches nothing ({$target})
lattice-associations-pass = {$count} association(s) of {$id} are AVAILABLE ({$target})
lattice-table-associations = associations
lattice-col-association = association
lattice-col-reaches = reaches
lattice-col-accessibility = accessibility
lattice-col-failure = failure
lattice-col-dns-name = DNS name
lattice-col-private-dns-name = private DNS name
lattice-serves-verified = a private hosted zone only for custom domain names the provider verified
lattice-serves-all = a private hosted zone for every custom domain name, verified or not
lattice-serves-verified-specified = a private hosted zone for every verified custom domain name and for the domains named in PrivateDnsSpecifiedDomains
lattice-serves-specified = a private hosted zone only for the domains named in PrivateDnsSpecifiedDomains
lattice-field-association-names = private DNS names of the associations
lattice-private-dns-off = private DNS is off: clients reach {$target} by the endpoint's own DNS names (no private hosted zone is made for custom domain names)
lattice-preference-unknown = vpce-doctor does not know PrivateDnsPreference {$preference} yet: which names get a private hosted zone cannot be told
lattice-no-specified-domains = private DNS is on with SPECIFIED_DOMAINS_ONLY but no domain is specified: no name of {$target} gets a private hosted zone, so custom domain names do not resolve to the endpoint
lattice-private-dns-on = private DNS is on with {$preference}: VPC Lattice makes {$serves}
lattice-private-dns-on-domains = private DNS is on with {$preference}: VPC Lattice makes {$serves} ({$domains})
lattice-owner-only = could not check: {$action} answers only in the resource's owner account — pass --provider-profile
lattice-service-network-na = a ServiceNetwork endpoint reaches whatever its service network holds; each resource gateway there is judged through a Resource endpoint of its own
lattice-no-gateway-for-kind = {$kind} endpoints reach no VPC Lattice resource gateway
lattice-no-resource-config = could not check: {$id} is a Resource endpoint but names no resource configuration (ResourceConfigurationArn)
lattice-no-gateway = could not check: GetResourceConfiguration names no resource gateway for {$arn} (type {$config_type})
lattice-config-updating = resource configuration {$name} is UPDATE_IN_PROGRESS: run the diagnosis again when it is ACTIVE
lattice-config-not-active = resource configuration {$name} is {$status}: the endpoint reaches the resource only through an ACTIVE resource configuration
lattice-config-status-unknown = resource configuration {$name} reports status {$status}, which vpce-doctor does not know yet
lattice-gateway-updating = resource gateway {$name} is UPDATE_IN_PROGRESS: run the diagnosis again when it is ACTIVE
lattice-gateway-not-active = resource gateway {$name} is {$status}: traffic to the resource enters the provider's VPC only through an ACTIVE resource gateway
lattice-gateway-no-status = could not check: GetResourceGateway gave no status for {$name}
lattice-gateway-status-unknown = resource gateway {$name} reports status {$status}, which vpce-doctor does not know yet
lattice-gateway-no-vpc = could not check: GetResourceGateway names no VPC for {$name}
lattice-gateway-subnet-missing = could not check: the resource gateway's subnet {$subnet} is not among the provider's subnets of {$vpc}
lattice-no-az-id = {$zone} (no AZ ID)
lattice-field-resource-configuration = resource configuration
lattice-field-resource-gateway = resource gateway
lattice-zones-disjoint = no Availability Zone of {$id} ({$ours}) is one of resource gateway {$name}'s ({$theirs}): AWS requires at least one zone of the endpoint and the resource gateway to overlap, so the resource is not reachable
lattice-zones-all = every zone of {$id} is one of resource gateway {$name}'s ({$theirs})
lattice-zones-some = {$id} and resource gateway {$name} share {$shared} of the endpoint's {$count} zones ({$zones}): enough to reach the resource; AWS advises a resource gateway in as many zones as possible so each zone is served
lattice-col-endpoint-subnet = endpoint subnet
lattice-col-gateway-subnet = resource gateway subnet
lattice-field-ip-address-type = IP address type
lattice-field-ipv4-per-eni = IPv4 addresses per ENI
lattice-field-subnets-one-eni = subnets (one ENI each)
lattice-capacity-ipv6 = resource gateway {$name} is IPv6: each ENI gets a /80, so addresses do not bound its connections
lattice-ipv6-per-eni = (IPv6: a /80 per ENI)
lattice-ip-type-unknown = resource gateway {$name} reports IP address type {$ip_type}, which vpce-doctor does not know yet
lattice-not-judged = (not judged)
lattice-per-eni-default = {$n} (not reported: AWS's default)
lattice-ceiling = {$per_eni} IPv4 address(es) per ENI × {$enis} ENI(s), one per subnet (VPC Lattice may add more) = {$total} source addresses for connections to the resource
lattice-per-eni-out-of-range = resource gateway {$name} reports {$per_eni} IPv4 addresses per ENI, outside the 1–{$max} AWS allows: its connection ceiling cannot be told
lattice-per-eni-minimum = resource gateway {$name} has 1 IPv4 address per ENI, the minimum: VPC Lattice translates every connection to the resource to the gateway's addresses, so one address per zone bounds the concurrent connections lowest ({$ceiling}); the count is fixed when the gateway is created
lattice-capacity-pass = resource gateway {$name}: {$ceiling} (AWS's default is {$default} per ENI)
lattice-field-connection-ceiling = connection ceiling
lattice-protocol-unknown = resource configuration {$arn} uses protocol {$protocol}, which vpce-doctor does not judge yet
lattice-gateway-no-sg = could not check: GetResourceGateway lists no security group for {$name}, so what filters its egress cannot be told
lattice-bad-port-range = resource configuration {$arn} has port range {$range}, which vpce-doctor cannot read
lattice-no-port-ranges = could not check: resource configuration {$arn} names no port ranges
lattice-egress-allowed = allowed
lattice-egress-no-rule = no rule
lattice-egress-missing = no egress rule of {$groups} lets resource gateway {$name} send {$label} to {$what}: VPC Lattice cannot open connections to the resource
lattice-egress-pass = the security groups of resource gateway {$name} ({$groups}) let it reach {$what} on {$ports}
lattice-table-egress = egress towards the resource
lattice-col-egress = egress

## Policies on the path (endpoint policy, bucket policy)
policy-key-absent = absent (never sent through an endpoint)
policy-key-unknown = unknown to the tool
policy-clause-with-request = {$clause} (the request: {$seen})
policy-any-resource = any resource
policy-basis-endpoint = the endpoint
policy-basis-through-endpoint = every request through an endpoint
policy-basis-assumed = assumed: SDK and CLI requests use HTTPS
policy-basis-given = given on the command line
policy-basis-role-without-path = assumed: the session's role has no path (give the role's ARN to --principal if it has one)
policy-field-context = request context
policy-col-key = key
policy-col-value = value
policy-col-basis = why the tool holds it
policy-field-statement = deciding statement
policy-field-condition = condition that held
policy-field-corrected = corrected statement
policy-field-near-miss = grant that does not apply
policy-near-miss = statement {$statement} would allow it, but its condition {$clause} does not hold through this endpoint
policy-field-refused = refused
policy-endpoint-allowed = the endpoint policy allows {$request} (statement {$statement})
policy-endpoint-depends = statement {$statement} of the endpoint policy decides {$request} on {$key}, which the tool cannot know: check that the clients' requests meet it (policy-test --context {$key}=… tries a value)
policy-endpoint-denied = statement {$statement} of the endpoint policy explicitly denies {$request}: requests get AccessDenied ({$because})
policy-endpoint-not-allowed = no statement of the endpoint policy allows {$request}: requests get AccessDenied
policy-common-refused = if clients of these kinds use this endpoint, the endpoint policy refuses them: {$requests}; they get AccessDenied (pass --expect-action/--expect-resource to judge your own request)
policy-common-denied-by = denied by statement {$statement}
policy-common-no-allow = no statement allows it
policy-bucket-denied = statement {$statement} of the bucket policy of {$bucket} denies {$request} through this endpoint: requests get AccessDenied ({$because})
policy-bucket-depends = statement {$statement} of the bucket policy of {$bucket} decides {$request} on {$key}, which the tool cannot know: check that the clients' requests meet it (policy-test --context {$key}=… tries a value)
policy-bucket-allowed = the bucket policy of {$bucket} allows {$request} through this endpoint (statement {$statement})
policy-bucket-grant-missed = statement {$statement} of the bucket policy of {$bucket} grants {$request}, but its condition on {$key} never holds through this endpoint: a caller from another account gets AccessDenied, one of the bucket's account needs its own IAM allow
policy-bucket-silent = the bucket policy of {$bucket} neither allows nor denies {$request} through this endpoint: the caller's IAM policy decides (a caller from another account needs an Allow in the bucket policy)
policy-bucket-not-s3 = {$id} is not an S3 endpoint: no bucket policy is on its path
policy-bucket-no-resource = no bucket named: pass --expect-resource arn:aws:s3:::BUCKET/KEY (and --expect-action) to judge its bucket policy
policy-bucket-not-a-bucket = {$resource} names no single S3 bucket (arn:aws:s3:::BUCKET or arn:aws:s3:::BUCKET/KEY, no wildcard in the bucket)
policy-bucket-none = bucket {$bucket} has no bucket policy: only the caller's IAM policy (and the endpoint policy) decide
policy-bucket-missing = no bucket {$bucket} exists (NoSuchBucket): requests for it get 404 NoSuchBucket whatever the policies say; check the name in --expect-resource
policy-bucket-other-region = bucket {$bucket} is not in {$region} (S3 redirects the request): an S3 endpoint reaches only buckets of its own region, so requests to this bucket do not go through it
policy-test-not-an-object = the document is not a JSON object with a Statement
policy-test-no-endpoint = could not read endpoint {$id}: {$error}
policy-test-bucket-offline = not judged: offline (--endpoint-policy); pass --bucket-policy FILE to judge the bucket policy too
policy-test-no-document = there is no policy: an endpoint without one lets every request through; a bucket without one leaves the decision to the caller's IAM policy
policy-test-unresolved-deny = statement {$statement} may deny it, depending on {$key}, which the tool cannot know (--context {$key}=… tries a value)
policy-test-request = {$action} on {$resource} through {$endpoint}
policy-test-principal = caller: {$principal}
policy-test-endpoint-policy = endpoint policy of {$of} ({$source})
policy-test-bucket-policy = bucket policy of {$of} ({$source})
policy-test-decision = {$decision} (statement {$statement})
policy-test-unknown-key = depends on {$key}, which the tool cannot know: --context {$key}=… tries a value
policy-decision-allow = ALLOW
policy-decision-explicit-deny = DENY (explicit)
policy-decision-implicit-deny = NOT ALLOWED (no statement allows it)
policy-decision-depends = DEPENDS
policy-decision-not-judged = NOT JUDGED
policy-test-verdict-allowed = verdict: the policies on the path let this request through (the caller's IAM policy still has to allow it)
policy-test-verdict-denied = verdict: denied on the path: the request gets AccessDenied
policy-test-verdict-depends = verdict: undecided: it depends on what the tool could not know or read (exit code 3)
