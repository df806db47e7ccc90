# checks-b 메시지. 용어: checks/ko/GLOSSARY.md.

## sg.rs: 엔드포인트의 보안 그룹, 그리고 규칙 점검이 함께 쓰는 클라이언트와 포트

sg-or = {" "}또는{" "}
sg-origin-nlb-listeners = NLB 리스너 기준
sg-origin-service-ports = {$service}의 포트 기준. 클라이언트가 쓰는 포트를 --port로 지정하세요
sg-origin-service-ports-any = {$service}의 포트 기준이며 클라이언트는 그중 하나를 쓴다. 클라이언트가 쓰는 포트를 --port로 지정하세요
sg-origin-default = 기본값: 443 (다른 포트는 --port로 지정하세요)
sg-source-client-group-var = 클라이언트의 보안 그룹($CLIENT_SG)
sg-source-client-cidr-var = 클라이언트의 주소 범위($CLIENT_CIDR)
sg-from-subnet-not-in-vpc = 확인 불가: --from으로 지정한 서브넷({$id})이 {$vpc} VPC에 없다
sg-from-vpc-no-cidr = 확인 불가: --from으로 지정한 VPC({$id})에 CIDR 블록이 없다
sg-from-instance-not-found = 확인 불가: --from으로 지정한 인스턴스({$id})를 소비자 계정에서 찾을 수 없다
sg-from-eni-not-found = 확인 불가: --from으로 지정한 네트워크 인터페이스({$id})를 소비자 계정에서 찾을 수 없다
sg-label-on-prem = 온프레미스 클라이언트 {$net} (--from)
sg-label-instance = 인스턴스 {$id} ({$addrs}; {$groups}) (--from)
sg-label-eni = 네트워크 인터페이스 {$id} ({$addrs}; {$groups}) (--from)
sg-label-group-no-members = 보안 그룹 {$sg} (--from, 멤버 인터페이스 없음)
sg-label-group-members = 보안 그룹 {$sg} (--from, 멤버 {$members})
sg-src-outside = {$cidr} (VPC 외부)
sg-src-group = 보안 그룹 {$group}
sg-src-own-group = 보안 그룹 {$group} (엔드포인트 자신의 그룹: 그 멤버만)
sg-src-prefix-list = 접두사 목록 {$list}
sg-src-unused = {$cidr} (VPC의 어느 서브넷에도 속하지 않음)
sg-src-nothing = 없음
sg-admitted-by-group = 보안 그룹 {$group} 참조로 허용
sg-admitted-by-range = 주소 범위 {$ranges}에서 허용
sg-no-group-attached = {$endpoint} 엔드포인트에 연결된 보안 그룹이 없다
sg-field-missing-groups = 찾을 수 없는 보안 그룹
sg-field-ports = 포트
sg-field-clients = 클라이언트
sg-clients-not-named = 지정하지 않음 (특정 클라이언트를 판단하려면 --from sg-…, i-…, subnet-… 또는 CIDR을 지정하세요)
sg-table-inbound-rules = 인바운드 규칙
sg-col-group = 보안 그룹
sg-col-protocol = 프로토콜
sg-col-ports = 포트
sg-col-source = 소스
sg-no-outbound-rules = 아웃바운드 규칙 없음: 나가는 트래픽이 없다
sg-no-inbound-rules = 인바운드 규칙 없음
sg-group-list = { $n ->
   *[other] 보안 그룹 {$ids}
}
sg-port-prefix-lists = {$port} (접두사 목록 {$lists})
sg-named-no-ipv6 = {$v4}. 그러나 IPv6로는 허용되지 않는다 — {$endpoint} 엔드포인트는 듀얼 스택이고 이름에 AAAA 레코드가 있다: {$v6}. 클라이언트는 IPv4 폴백을 기다리며(Happy Eyeballs는 잠시 후, 나머지는 연결 타임아웃 후), IPv4가 없으면 전혀 연결할 수 없다
sg-named-denied = { $n ->
   *[other] {$groups}에 {$client}의 {$ports} 트래픽을 허용하는 규칙이 없다
}
sg-named-prefix-lists = 확인 불가: {$client} 클라이언트가 {$ports}에서 허용되는지 판단할 수 없다. 관리형 접두사 목록만 그 주소를 포함할 수 있는데, 목록 항목은 읽지 않는다
sg-port-only-from-group = {$port}: 보안 그룹 {$groups}에서만 허용
sg-named-groups-only = { $n ->
   *[other] {$groups}의 허용: {$what}. {$client} 클라이언트는 주소 범위로 허용되지 않으며, 해당 그룹의 멤버인 클라이언트만 통과한다 (그룹 기준으로 판단하려면 --from sg-… 또는 i-…를 지정하세요)
}
sg-named-no-members = { $n ->
   *[other] {$groups}에서 {$ports}에 대해 {$who} 참조가 없고, 이 그룹에는 주소 범위 규칙으로 판단할 멤버 인터페이스가 없다. 멤버는 주소가 주소 범위 규칙에 속할 때만 허용된다
}
sg-named-pass = { $n ->
   *[other] {$groups}에서 {$client} 클라이언트를 허용한다: {$admitted}
}
sg-named-pass-not-all = { $n ->
   *[other] {$groups}에서 {$client} 클라이언트를 허용한다: {$admitted} ({$missing} 포트는 허용하지 않는다. 클라이언트가 이 포트를 쓴다면 --port로 지정하세요)
}
sg-ipv4-ranges-admit-nobody = (IPv4 범위 {$ranges}에서는 아무도 허용되지 않는다: {$endpoint} 엔드포인트는 IPv6 전용이다)
sg-any-no-ipv6 = {$v4}. 그러나 IPv6는 다르다 — {$endpoint} 엔드포인트는 듀얼 스택이고 이름에 AAAA 레코드가 있는데, {$v6}. IPv6를 우선하는 클라이언트는 IPv4 폴백을 기다리고(Happy Eyeballs는 잠시 후, 나머지는 연결 타임아웃 후) IPv6 전용 클라이언트는 연결할 수 없다
sg-subject-admits = { $n ->
   *[other] {$groups}의 인바운드 허용
}
sg-port-from-sources = {$port} (소스: {$sources})
sg-port-from-no-source = {$port}: 허용하는 소스 없음 (이를 허용하는 규칙이 없다)
sg-port-only-unused = {$port}: {$ranges}에서만 허용되는데, {$vpc} VPC의 해당 범위에는 서브넷이 없어 어떤 클라이언트도 그 주소를 가질 수 없다
sg-subject-none = {$subject}: {$what}
sg-not-open = ; {$ports} 포트는 허용하지 않음 (클라이언트가 이 포트를 쓴다면 --port로 지정하세요)
sg-why-no-client-inside = {$vpc} VPC 내부의 클라이언트는 허용되지 않는다 (클라이언트가 피어링된 네트워크나 온프레미스에서만 온다면 정상이다)
sg-why-own-group-only = 엔드포인트 자신의 보안 그룹 멤버만 허용된다 (기본 보안 그룹의 패턴): 다른 그룹의 클라이언트는 타임아웃된다
sg-subject-limited = {$subject}: {$sources}{$not_open}: {$why}. 특정 클라이언트를 판단하려면 --from을 지정하세요
sg-subject-open = {$subject}: {$sources}{$not_open}. 특정 클라이언트를 판단하려면 --from을 지정하세요

## dns.rs: 엔드포인트 자체 DNS 이름과 서비스의 프라이빗 DNS 이름

dns-answer-no-records = {$record} 레코드 없음
dns-answer-timeout = 시간 초과
dns-answer-error = 오류: {$message}
dns-answer-truncated = 잘림(TC), TCP 응답 없음
dns-verdict-ok = 정상
dns-verdict-no-records = 레코드 없음
dns-verdict-truncated = 잘림
dns-verdict-foreign = 다른 주소 {$ips}
dns-verdict-missing = 누락 {$ips}
dns-no-aaaa = {$name} 이름에 AAAA 레코드가 없다. 엔드포인트의 DNS 레코드에 IPv6가 포함되어 있으므로 IPv6 클라이언트는 주소를 받지 못한다
dns-does-not-resolve = {$name} 이름이 확인되지 않는다 ({$verdict})
dns-no-answer = DNS 서버가 {$name}에 응답하지 않았다
dns-lookup-failed = {$name} 조회에 실패했다: {$message}
dns-servfail = DNS 서버가 {$name}에 SERVFAIL로 응답했다 (서버 자신도 확인하지 못했다)
dns-truncated = {$name}에 대한 DNS 응답이 UDP에서 잘렸고 서버가 TCP로 응답하지 않았다
dns-foreign = {$name} 이름이 엔드포인트의 것이 아닌 주소로 확인된다: {$foreign}
dns-foreign-and-missing = {$name} 이름이 엔드포인트의 것이 아닌 주소로 확인된다: {$foreign} (빠진 주소: {$missing})
dns-missing = {$name} 이름의 응답에 엔드포인트 주소가 빠져 있다: {$missing}
dns-could-not-check = 확인 불가: {$why}
dns-col-name = 이름
dns-col-expected = 기대값
dns-col-answer = 응답
dns-col-verdict = 판정
dns-no-endpoint-names = 확인 불가: {$endpoint} 엔드포인트에 엔드포인트 DNS 이름이 없다
dns-endpoint-names-ok = 엔드포인트 DNS 이름 {$count}개가 인터페이스 주소로 확인된다: {$ips}{$records}
dns-table-endpoint-names = 엔드포인트 DNS 이름
dns-server = 서버 {$server}
dns-system-resolver = 시스템 해석기
dns-records-note = ({$records} 레코드)
dns-and = {" "}및{" "}
dns-private-disabled = 엔드포인트에서 프라이빗 DNS가 비활성화되어 있다 (endpoint.private_dns_enabled 참고)
dns-vantage-server = 해석기 {$server} (--dns-server), VPC에서 보이는 대로 판단함
dns-outside-vpc = 이 머신의 위치({$detail})에서는 {$name} 이름이 설계상 다른 곳으로 확인된다. VPC 안의 인스턴스에서 실행하거나, VPC와 같은 응답을 주는 해석기(예: Route 53 Resolver 인바운드 엔드포인트)를 --dns-server로 지정하세요
dns-vantage-system = {$detail} (시스템 해석기)
dns-field-vantage = 조회 위치
dns-private-ok = {$name} 이름이 엔드포인트 주소로 확인된다: {$ips}{$records}
dns-table-private-name = 프라이빗 DNS 이름
dns-answering-layer = {$summary} — 대신 응답하는 해석기 계층: {$layer}
dns-inbound-only-endpoint = {$name} 이름이 엔드포인트 주소로 확인된다. 이 해석기는 Route 53 Resolver 인바운드 엔드포인트처럼 응답한다 ({$endpoint}의 프라이빗 DNS는 인바운드 엔드포인트에만 응답한다)
dns-inbound-only-public = {$name} 이름이 서비스의 퍼블릭 주소로 확인된다. {$endpoint}의 프라이빗 DNS가 인바운드 Resolver 엔드포인트 전용일 때 VPC 자체 해석기는 이렇게 응답한다. VPC 안의 클라이언트는 게이트웨이 엔드포인트로, 온프레미스 클라이언트는 이 인터페이스 엔드포인트로 서비스에 접근한다
dns-source-server = 해석기 {$server} (--dns-server)
dns-vpc-answer = {$name} → {$answer} (엔드포인트 주소 {$expected}), 조회: {$source}
