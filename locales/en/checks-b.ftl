# Messages of checks-b. Conventions: locales/README.md.

## sg.rs: the endpoint's security groups, and the clients and ports every rule check shares

sg-or = {" "}or{" "}
sg-origin-nlb-listeners = the NLB listeners
sg-origin-service-ports = the ports of {$service}; pass --port to name the one the clients use
sg-origin-service-ports-any = the ports of {$service}, clients use one of them; pass --port to name the one the clients use
sg-origin-default = default: 443 (pass --port for other ports)
sg-source-client-group-var = the clients' security group ($CLIENT_SG)
sg-source-client-cidr-var = the clients' address range ($CLIENT_CIDR)
sg-from-subnet-not-in-vpc = could not check: subnet {$id} (--from) is not in {$vpc}
sg-from-vpc-no-cidr = could not check: {$id} (--from) has no CIDR block
sg-from-instance-not-found = could not check: instance {$id} (--from) was not found in the consumer account
sg-from-eni-not-found = could not check: network interface {$id} (--from) was not found in the consumer account
sg-label-on-prem = on-premises clients {$net} (--from)
sg-label-instance = instance {$id} ({$addrs}; {$groups}) (--from)
sg-label-eni = network interface {$id} ({$addrs}; {$groups}) (--from)
sg-label-group-no-members = security group {$sg} (--from; no member interface seen)
sg-label-group-members = security group {$sg} (--from; members {$members})
sg-src-outside = {$cidr} (outside the VPC)
sg-src-group = group {$group}
sg-src-own-group = group {$group} (the endpoint's own: only its members)
sg-src-prefix-list = prefix list {$list}
sg-src-unused = {$cidr} (no subnet of the VPC holds it)
sg-src-nothing = nothing
sg-admitted-by-group = by its group {$group}
sg-admitted-by-range = by range {$ranges}
sg-no-group-attached = {$endpoint} has no security group attached
sg-field-missing-groups = missing groups
sg-field-ports = ports
sg-field-clients = clients
sg-clients-not-named = not named (pass --from sg-…, i-…, subnet-… or a CIDR to judge a given client)
sg-table-inbound-rules = inbound rules
sg-col-group = group
sg-col-protocol = protocol
sg-col-ports = ports
sg-col-source = source
sg-no-outbound-rules = no outbound rules: nothing leaves
sg-no-inbound-rules = no inbound rules
sg-group-list = { $n ->
    [one] security group {$ids}
   *[other] security groups {$ids}
}
sg-port-prefix-lists = {$port} (prefix lists {$lists})
sg-named-no-ipv6 = {$v4}; but not over IPv6 — {$endpoint} is dual-stack and its names carry AAAA records: {$v6}; the client waits for IPv4 fallback (Happy Eyeballs after a moment, others after their connect timeout), and could not connect at all without IPv4
sg-named-denied = {$groups} { $n ->
    [one] does
   *[other] do
} not admit {$ports} from {$client}
sg-named-prefix-lists = could not tell whether {$client} is admitted on {$ports}: only managed prefix lists could hold its addresses, and their entries are not read
sg-port-only-from-group = {$port} only from group {$groups}
sg-named-groups-only = {$groups} { $n ->
    [one] admits
   *[other] admit
} {$what}: {$client} is not admitted as a range; its clients pass only if they are members of that group (pass --from sg-… or i-… to judge a client by its groups)
sg-named-no-members = {$groups} { $n ->
    [one] does
   *[other] do
} not reference {$who} on {$ports}, and the group has no member interface whose address the range rules could be judged by; a member would be admitted only if its address falls in a range rule
sg-named-pass = {$groups} { $n ->
    [one] admits
   *[other] admit
} {$client}: {$admitted}
sg-named-pass-not-all = {$groups} { $n ->
    [one] admits
   *[other] admit
} {$client}: {$admitted} (not {$missing}: pass --port if the clients use it)
sg-ipv4-ranges-admit-nobody = (the IPv4 ranges {$ranges} admit nobody: {$endpoint} is IPv6-only)
sg-any-no-ipv6 = {$v4}; but for IPv6 — {$endpoint} is dual-stack and its names carry AAAA records, yet {$v6}: clients that prefer IPv6 wait for IPv4 fallback (Happy Eyeballs after a moment, others after their connect timeout) and IPv6-only clients cannot connect
sg-subject-admits = {$groups} { $n ->
    [one] admits
   *[other] admit
}
sg-port-from-sources = {$port} from {$sources}
sg-port-from-no-source = {$port} from no source (no rule allows it)
sg-port-only-unused = {$port} only from {$ranges}, where {$vpc} has no subnet: no client can hold those addresses
sg-subject-none = {$subject} {$what}
sg-not-open = ; not {$ports} (pass --port if the clients use it)
sg-why-no-client-inside = no client inside {$vpc} is admitted (right when the clients come only from peered networks or on premises)
sg-why-own-group-only = only members of the endpoint's own group are admitted (the default group's pattern): clients in other groups time out
sg-subject-limited = {$subject} {$sources}{$not_open}: {$why}; pass --from to judge a given client
sg-subject-open = {$subject} {$sources}{$not_open}; pass --from to judge a given client

## dns.rs: the endpoint's own DNS names and the service's private DNS name

dns-answer-no-records = no {$record} records
dns-answer-timeout = timeout
dns-answer-error = error: {$message}
dns-answer-truncated = truncated (TC), nothing over TCP
dns-verdict-ok = ok
dns-verdict-no-records = no records
dns-verdict-truncated = truncated
dns-verdict-foreign = foreign {$ips}
dns-verdict-missing = missing {$ips}
dns-no-aaaa = {$name} has no AAAA record, though the endpoint's DNS records include IPv6: IPv6 clients get no address
dns-does-not-resolve = {$name} does not resolve ({$verdict})
dns-no-answer = the DNS server did not answer for {$name}
dns-lookup-failed = lookup of {$name} failed: {$message}
dns-servfail = the DNS server answered SERVFAIL for {$name} (it could not resolve it itself)
dns-truncated = the DNS answer for {$name} was truncated over UDP and the server did not answer over TCP
dns-foreign = {$name} resolves to {$foreign} which is not the endpoint's
dns-foreign-and-missing = {$name} resolves to {$foreign} which is not the endpoint's (and lacks {$missing})
dns-missing = {$name} lacks the endpoint address(es) {$missing}
dns-could-not-check = could not check: {$why}
dns-col-name = name
dns-col-expected = expected
dns-col-answer = answer
dns-col-verdict = verdict
dns-no-endpoint-names = could not check: {$endpoint} reports no endpoint DNS names
dns-endpoint-names-ok = {$count} endpoint DNS name(s) resolve to the interface addresses {$ips}{$records}
dns-table-endpoint-names = endpoint DNS names
dns-server = server {$server}
dns-system-resolver = system resolver
dns-records-note = ({$records} records)
dns-and = {" "}and{" "}
dns-private-disabled = private DNS is disabled on the endpoint (see endpoint.private_dns_enabled)
dns-vantage-server = resolver {$server} (--dns-server), judged as the VPC would see it
dns-outside-vpc = this machine is {$detail}, where {$name} resolves elsewhere by design; run from an instance in the VPC, or pass --dns-server with a resolver that answers as the VPC does (e.g. a Route 53 Resolver inbound endpoint)
dns-vantage-system = {$detail} (system resolver)
dns-field-vantage = vantage
dns-private-ok = {$name} resolves to the endpoint's addresses {$ips}{$records}
dns-table-private-name = private DNS name
dns-answering-layer = {$summary} — the resolver layer that answers: {$layer}
dns-inbound-only-endpoint = {$name} resolves to the endpoint's addresses: this resolver answers as a Route 53 Resolver inbound endpoint does (private DNS of {$endpoint} answers only those)
dns-inbound-only-public = {$name} resolves to the service's public addresses, as the VPC's own resolver answers when private DNS of {$endpoint} is only for inbound Resolver endpoints: clients in the VPC reach the service through its gateway endpoint, clients on premises through this interface endpoint
dns-source-server = resolver {$server} (--dns-server)
dns-vpc-answer = {$name} → {$answer} (endpoint addresses {$expected}) via {$source}

## dns_traps.rs: rival zones and endpoints, DHCP options, the verification TXT record

traps-zone-same-name = private hosted zone {$zone} ({$zone_id}) for {$domain} is associated with {$vpc}: it claims the same name as the endpoint's private DNS, and the VPC resolver answers from the zone (the layer that answers, in dns.resolution_path)
traps-rel-same-name-conflict = same name: conflict
traps-rel-same-name-off = same name: answers instead of private DNS (which is off)
traps-rel-inside-off = inside the name: answers for those names (private DNS is off)
traps-zone-inside = private hosted zone {$zone} ({$zone_id}) is inside {$domain} and shadows those names in {$vpc}
traps-rel-inside = inside the private DNS name: shadows part of it
traps-rel-parent = parent zone: the more specific private DNS zone wins
traps-rel-unrelated = unrelated
traps-rival-endpoint = endpoint {$other} for the same service also has private DNS in {$vpc}: only one can hold {$domain}
traps-rel-rival = second endpoint with private DNS: conflict
traps-own-zones-serve = private DNS is off on {$endpoint}: your own private hosted zone(s) serve {$domain} in {$vpc}, and nothing conflicts with them
traps-nothing-claims = nothing else in {$vpc} claims {$domain} ({$count} private hosted zone(s) associated)
traps-table-zones = private hosted zones and endpoints in the VPC
traps-col-name = name
traps-col-zone-endpoint = zone / endpoint
traps-col-owner = owner
traps-col-relation = relation
traps-dhcp-no-private-name = clients use the endpoint-specific names, which resolve in public DNS from any resolver
traps-dhcp-no-zone = private DNS is off and no private hosted zone serves the name: clients use the endpoint-specific names, which resolve in public DNS from any resolver
traps-dhcp-none = {$vpc} has no DHCP options set: instances use AmazonProvidedDNS ({$resolver})
traps-field-dhcp-options = DHCP options
traps-field-vpc-resolver = VPC resolver
traps-dhcp-amazon = {$id} gives instances AmazonProvidedDNS ({$resolver}), which serves the private DNS records
traps-dhcp-mixed = {$id} gives instances a mix of AmazonProvidedDNS and custom DNS server(s) {$servers}
traps-dhcp-custom = {$id} gives instances custom DNS server(s) {$servers}
traps-forward-works = {$servers}, and {$name} resolves to the endpoint's addresses through {$source}: the forwarding works
traps-forward-missing = {$servers}; {$name} does not resolve to the endpoint's addresses through {$source}: those servers must forward {$domain} to the VPC resolver {$resolver} — the layer that answers is theirs, before any of the VPC resolver's (dns.resolution_path shows what the VPC resolver would answer)
traps-forward-missing-mixed = {$servers}; {$name} does not resolve to the endpoint's addresses through {$source}: those servers must forward {$domain} to the VPC resolver {$resolver} (clients may ask either) — the layer that answers is theirs, before any of the VPC resolver's (dns.resolution_path shows what the VPC resolver would answer)
traps-forward-unseen = {$servers}; they serve {$domain} if they forward it to the VPC resolver {$resolver}, which cannot be seen from here: confirm with --dns-server {$server}
traps-field-answer = answer
traps-txt-no-record = no TXT record
traps-txt-no-name = {$service} has no private DNS name
traps-txt-verified = {$name} is verified: the TXT record has done its job
traps-field-verification-state = verification state
traps-txt-no-record-config = could not check: the service configuration has no TXT record name and value for {$name}
traps-txt-published = the TXT record is published correctly at {$at}; {$name} is still {$state}: start verification
traps-txt-doubled = the TXT record is published under a doubled domain, {$at}: the DNS provider appended the zone name to a name that already had it
traps-txt-wrong = {$at} holds {$held} but verification needs "{$value}"
traps-txt-wrong-case = {$at} holds {$held} but verification needs "{$value}" (it differs only in case: the DNS provider changed the value's case)
traps-txt-unanswered = could not check: no answer for {$names} (the TXT record must be in public DNS)
traps-txt-missing = no TXT record {$expected} = "{$value}" in public DNS, so {$name} stays {$state}
traps-field-expected-record = expected record
traps-field-looked-up-through = looked up through
traps-the-system-resolver = the system resolver
traps-table-txt = TXT lookups

## resolution.rs: the layers of the VPC resolver, predicted from configuration

res-via-profile = (through Profile {$profile})
res-layer-client = client
res-client-asks = {$client}: {$name} {$record} → the VPC resolver of {$vpc}
res-layer-vpc-attributes = VPC DNS attributes
res-attributes-off = {$attributes} false in {$vpc}: private hosted zones and endpoints' private DNS are not served
res-layer-rule = Resolver rule
res-layer-rules = Resolver rules
res-no-target = (no target)
res-rule-forward = {$rule} FORWARD {$domain} → {$targets}{$via}: the most specific match for {$name}; the query leaves the VPC resolver{$never}
res-rule-local = {$rule} {$kind} {$domain}{$via}: the resolver answers {$name} itself
res-rule-less-specific = {$rule} FORWARD {$domain} is less specific: not used for {$name}
res-rule-less-specific-than-zone = {$rule} FORWARD {$domain} is less specific than zone {$zone}: not used for {$name}
res-nothing-holds = no Resolver rule or private hosted zone holds the name
res-never-consulted = ({$zones} never consulted)
res-zone-endpoint = the private DNS of {$endpoint} ({$zone})
res-zone-hosted = private hosted zone {$zone} ({$id})
res-fw-rule-at = rule {$rule} of {$group} (group priority {$priority}){$via}
res-fw-block = {$at} BLOCKs {$name} (list entry {$entry}) and answers {$response}
res-fw-pass = {$at} {$action}s {$name} (list entry {$entry}): no later firewall rule is consulted
res-fw-none = no rule group is associated
res-fw-no-match = {$count} rule group(s): no rule holds the name
res-fw-unread = {$count} rule group(s): no readable rule holds the name; could not read {$unread}
res-layer-recursion = recursion
res-public-endpoint-name = public DNS holds {$name}: the endpoint's own records
res-public-other = public DNS answers {$name}: not the endpoint's private addresses
res-layer-endpoint-dns = endpoint private DNS
res-layer-hosted-zone = private hosted zone
res-zone-holds-only = holds {$zone} only: NXDOMAIN
res-zone-answers = answers {$ips}
res-zone-answers-other = answers {$endpoint}'s addresses {$ips}
res-zone-unread = its records could not be read
res-zone-no-record = no record for {$name} in the zone: NXDOMAIN (the resolver does not look further)
res-record-endpoint = {$says}: the endpoint
res-record-not-endpoint = {$says}: not the endpoint
res-no-address = (no address)
res-answer-endpoint = the endpoint's addresses
res-answer-other-endpoint = the addresses of {$endpoint}, not this endpoint
res-answer-nodata = no records (NODATA)
res-answer-forwarded = whatever {$targets} { $count ->
    [one] answers
   *[other] answer
}
res-answer-public-endpoint = the endpoint's addresses (public records)
res-answer-public = the public answer
res-answer-unread = unknown (records not read)
res-layer-answer = answer

## nacl.rs: the network ACLs of the endpoint's (and the client's) subnets

nacl-no-acl-covers = could not check: no network ACL of {$vpc} covers {$subnet}
nacl-clients-not-named = not named (pass --from to judge a given client and its subnet's ACL)
nacl-table-entries = ACL entries
nacl-col-dir = dir
nacl-col-rule = rule
nacl-col-action = action
nacl-outbound = outbound
nacl-inbound = inbound
nacl-rule-n = rule {$rule}
nacl-final-rule = the final * rule (no rule matched)
nacl-col-subnet = subnet
nacl-col-subnets = subnets
nacl-col-direction = direction
nacl-col-peer = peer
nacl-col-verdict = verdict
nacl-table-must-pass = what must pass
nacl-none-of-ports = the network ACLs let {$client} through on none of {$ports}
nacl-v6-fallback = — {$endpoint} is dual-stack and its names carry AAAA records, and IPv4 gets through: {$client} waits for IPv4 fallback (Happy Eyeballs after a moment, others after their connect timeout)
nacl-what-requests = requests to {$port}
nacl-what-replies = replies to ephemeral ports
nacl-what-client-requests = client requests to the endpoint on {$port}
nacl-what-endpoint-replies = replies from the endpoint to ephemeral ports
nacl-allowed = allowed
nacl-uncommon-ephemeral = {$acl} on {$subnet} lets {$dir} replies to {$peer} through only on ports {$lo}-{$hi}: Linux (32768-60999) and Windows (49152-65535) clients work; clients that use lower ephemeral ports (NAT gateways, Lambda functions, load balancers, older systems: 1024-65535) do not
nacl-denies = {$acl} on {$subnet} denies {$dir} {$what} ({ $side ->
    [to] to
   *[from] from
} {$net}, ports {$ports}): {$rule}
nacl-allowed-common-only = allowed for 32768-65535 only
nacl-denied-by = denied by {$rule}
nacl-client-pass = the network ACLs of {$subnets} let {$ports} in from {$client} and the replies out
nacl-client-pass-both-sides = the network ACLs of {$subnets} let {$ports} in from {$client} and the replies out, and {$client_subnets} lets the client's side through
nacl-more-ranges = {$count} more ranges
nacl-nowhere = nowhere
nacl-anyone-warn = {$warns}; pass --from to judge a given client and its subnet's ACL
nacl-anyone-pass = the network ACLs of {$subnets} let requests in and the replies out ({$admitted}); pass --from to judge a given client and its subnet's ACL
nacl-acl-on = {$acl} on {$subnets} {$why}
nacl-both = both
nacl-any-client = any client
nacl-admitted = {$acl}: {$port} from {$sources}
nacl-replies-common-only = {$acl} on {$subnets} lets replies out only to ports 32768-65535: Linux (32768-60999) and Windows (49152-65535) clients work; clients that use lower ephemeral ports (NAT gateways, Lambda functions, load balancers, older systems: 1024-65535) do not
nacl-no-subnet-admitted = {$acl} on {$subnets} admits {$port} from no subnet of {$vpc} (right when the clients come only from peered networks or on premises)
nacl-replies-common-only-any = {$acl} on {$subnets} lets replies out only to ports 32768-65535: clients that use lower ephemeral ports (NAT gateways, Lambda functions, load balancers, older systems) do not get them
nacl-no-ipv6 = {$acl} on {$subnets} lets no IPv6 client through ({$why}), though the endpoint is dual-stack with AAAA records: clients that prefer IPv6 wait for IPv4 fallback, IPv6-only clients cannot connect
nacl-any-ipv6 = any IPv6 address
nacl-anywhere = anywhere
nacl-verdict-full = requests from and replies to {$sources}
nacl-verdict-common = replies only to ports 32768-65535 of {$sources}
nacl-and-replies-denied = ; and outbound replies to ephemeral ports: {$rule}
nacl-denies-inbound = denies inbound {$port} from {$anywhere}: {$rule}{$replies}
nacl-denies-replies = denies outbound replies to ephemeral ports to {$anywhere}: {$rule}
nacl-no-both = lets {$port} in only from {$inbound} but replies out only to {$outbound}: no client gets both

## dns_path.rs: where the clients' resolver sends the private name

path-no-name = {$endpoint} has no DNS name to resolve
path-inbound-only = private DNS of {$endpoint} answers only queries that come through Resolver inbound endpoints: clients in {$vpc} resolve {$name} publicly and reach the service through its gateway endpoint (endpoint.gateway_companion); check clients on premises with --from onprem:CIDR
path-clients-in = clients in {$vpc} ({$how})
path-attributes-off = {$attributes} is false in {$vpc}: its resolver does not answer from private hosted zones (and with enableDnsSupport off, not at all)
path-could-not-read = (could not read: {$what})
path-observed-despite-prediction = {$name} resolves to {$endpoint}'s addresses for clients in {$vpc} (observed); the configuration predicts otherwise ({$layer}: {$says}) — the observed answer outranks it, something the tool cannot read answers
path-observed-reaches = {$name} resolves to {$endpoint}'s addresses for clients in {$vpc} (observed): {$layer} answers
path-observed-not-predicted = {$name} does not resolve to {$endpoint} where it was asked, yet the configuration predicts it does ({$layer} answers): something the tool cannot read answers there — a resolver on the host, /etc/hosts, DNS servers other than the VPC's, or a --dns-server that is not the clients' resolver (see private_dns.resolves){$caveat}
path-unread-layers = could not check: the configuration read so far says {$name} does not reach {$endpoint} for clients in {$vpc} ({$layer} decides), but some layers could not be read{$caveat}
path-does-not-reach = {$name} does not reach {$endpoint} for clients in {$vpc} ({$basis}): {$cause}{$caveat}
path-predicted-reaches = {$name} resolves to {$endpoint} for clients in {$vpc} (predicted from configuration; no DNS answer from there): {$layer} answers{$caveat}
path-other-endpoint = {$name} resolves to {$other}'s addresses for clients in {$vpc}: they reach the service through {$other}, not through this endpoint
path-cause-firewall = DNS Firewall rule {$rule} of {$group} blocks it (domain-list entry {$entry}) before any other layer is consulted
path-cause-rule = Resolver rule {$rule} forwards {$domain} to {$targets}; the endpoint's private name never reaches the VPC resolver's zones
path-cause-zone = private hosted zone {$zone} ({$zone_id}) answers, and not with {$endpoint}
path-cause-endpoint-zone = the private DNS zone {$zone} answers {$says}
path-cause-recursion = nothing in the clients' resolver holds the name (no private hosted zone, no Resolver rule, no Profile, no endpoint private DNS there): public DNS answers, not {$endpoint}
path-records-unread = could not check: the records {$layer} answers {$name} with could not be read{$caveat}
path-forwards-public-name = Resolver rule {$rule} forwards {$name} to {$targets} for clients in {$vpc}: it resolves only if those servers resolve public names{$caveat}
path-forwarded-away = {$name} does not reach {$endpoint} for clients in {$vpc} (predicted): {$cause} — unless those servers send it back to a Resolver inbound endpoint whose VPC holds the endpoint's private DNS{$caveat}
path-field-see-answer = to see what they answer

## nacl.rs: a gateway endpoint's client subnets

nacl-gateway-needs-from = {$endpoint} is a gateway endpoint: it has no subnet of its own, and only the clients' subnets' ACLs are on the path; pass --from (an instance, interface, subnet or address) to judge a client subnet's ACL against the ranges of {$service}
nacl-no-prefix-list = could not check: no managed prefix list is named {$service} in this region, so the ranges the ACL must allow are not known
nacl-client-no-subnet = {$client} is in no subnet of {$vpc}: no ACL of it is on the path to {$service}
nacl-what-service-requests = requests to {$service} on {$port}
nacl-gateway-pass = the network ACL of {$subnets} lets {$client} out to every range of {$list} ({$cidrs}) and the replies in
nacl-field-prefix-list = prefix list

## why an endpoint kind has no such check (check-endpoints-why)

dns-why-no-names = have no DNS names of their own
path-why-no-name = hold no DNS name of their own
traps-why-no-resolver = do not depend on the VPC resolver
nacl-why-no-interfaces = have no interfaces in subnets; the client subnet's ACL must allow the service's public ranges
sg-why-no-groups = have no security groups; routes and the endpoint policy control access

## locate.rs: the symptom-first locator

locate-private-name-unknown = could not tell whether {$name} is the private DNS name of {$endpoint} ({$service}): {$reason}

## targets.rs: the load balancer's groups, when no client is named

targets-origin-listeners = the listeners
targets-subject-enforced-admits = {$subject}, enforced on PrivateLink traffic, admits

## dns_path.rs: answers, the observed answer and clients on premises

path-answer-no-records = no records
path-answer-timeout = no answer (timeout)
path-answer-truncated = a truncated answer
path-answer-error = an error ({$message})
path-observed-row = {$name} → {$answer} via {$source}
path-onprem-clients = on-premises clients {$net} (through their DNS servers)
path-onprem-no-inbound = no Route 53 Resolver inbound endpoint in the account: DNS servers on premises have nowhere to forward {$zone}, so {$net} resolves {$name} publicly, never to {$endpoint}
path-says-none-in-account = none in the account
path-says-public-answer = the public answer
path-says-forwarder = your DNS servers must forward {$zone} to {$ips} (the tool cannot see DNS on premises)
path-says-inbound-admits = {$inbound} in {$vpc} (security groups {$groups}): admits {$net} on port 53
path-says-inbound-blocks = {$inbound} in {$vpc} (security groups {$groups}): does not admit {$net} on {$protos}/53
path-says-dropped = no answer: the queries are dropped
path-onprem-inbound-blocked = the security groups of Resolver inbound endpoint {$inbound} do not admit {$net} on {$protos}/53: DNS servers on premises cannot ask it for {$name}

## nacl.rs: ACL entry cells

nacl-cell-in = in
nacl-cell-out = out
nacl-cell-all = all
nacl-cell-allow = allow
nacl-cell-deny = deny
locate-client-subnet = {$subnet} in {$vpc} ({$how})
locate-client-not-named = not named: every VPC of the account (pass --vpc or --from to judge for a client)
locate-asked-by-id = the endpoint was asked for by its id
locate-where-vpc = in {$vpc}
locate-where-any = in any VPC of this account and region
locate-served-in-vpcs = {$what} is served by endpoints in {$n} VPCs; which one the clients use depends on their VPC — pass --vpc or --from
locate-found = {$what} → {$endpoint} ({$path}) in {$vpc}
locate-no-endpoint-of = no endpoint of {$id} {$place}
locate-not-offered = {$service} is not a service offered in {$region} to this account (DescribeVpcEndpointServices does not list it)
locate-no-endpoint-for = no endpoint for {$service} {$place}
locate-ip-not-endpoint = {$ip} is {$eni} in {$subnet}, not an interface of a VPC endpoint: traffic to it does not go through PrivateLink
locate-ip-unknown = {$ip} is an address of no network interface of this account in {$region}: not a VPC endpoint of it
locate-zone-invisible = could not check: the private hosted zone {$zone} points {$name} at {$target}, an endpoint these credentials cannot see (another account's central endpoint?): run with that account's --profile to diagnose it
locate-global-sts = {$name} is the global STS endpoint: no VPC endpoint ever serves it, so its traffic takes the public path; use the regional sts.{$region}.amazonaws.com (AWS_STS_REGIONAL_ENDPOINTS=regional, or the SDK's regional default)
locate-private-dns-off = {$name} resolves to {$answers}, the public path: {$endpoint} serves {$service} in {$vpc} but its private DNS does not answer the VPC's clients
locate-unserved-public = no endpoint serves {$name} {$place}: it resolves to {$answers}, the public path
locate-resolves-nowhere = {$name} resolves nowhere ({$answers}) and no endpoint serves it {$place}
locate-unserved-not-endpoint = no endpoint serves {$name} {$place}: it resolves to {$answers}, not to an endpoint
locate-field-dns-answer = DNS answer
locate-field-route-from-client = route from the client
locate-main-table = main
locate-table-where-goes = where {$to} goes from {$vpc}
locate-col-route-table = route table
locate-col-subnets = subnets
locate-col-route = route
locate-no-address = no address
locate-the-internet = the internet
locate-no-route = no route: the traffic is dropped
locate-via-nat = a NAT gateway, to the public service
locate-via-igw = the internet gateway, to the public service
locate-via-tgw = a transit gateway
locate-via-local = inside the VPC
locate-via-peering = a peering connection
locate-via-other = another target
locate-blackhole = (blackhole: dropped)

## session and facts: the vantage and the interruption hints

session-vantage-through = as the VPC sees it, through {$server}
session-vantage-detecting = detecting…
session-vantage-no-endpoint = unknown (no endpoint)
session-vantage-unknown = unknown: {$reason}
facts-hint-refresh-credentials = refresh them; the view resumes on the next cycle
facts-hint-throttled = {$throttled} of {$aws} calls throttled after retries; the verdicts resume when the rate drops (a longer watch interval helps)

## dns_path.rs: layers that could not be read

path-how-endpoint-vpc = the endpoint's VPC
path-unread-needs = needs {$action}
path-unread-not-recorded = not recorded in the snapshot
path-unread-unsupported = not offered by the API endpoint
path-rule-invisible = Resolver rule {$rule} associated with {$vpc} (not visible to this account)
