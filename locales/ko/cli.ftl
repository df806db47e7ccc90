# cli 메시지. 용어: checks/ko/GLOSSARY.md.

## --help (src/cli/help.rs)

cli-heading-usage = 사용법:
cli-heading-commands = 명령
cli-heading-arguments = 인자
cli-heading-options = 옵션
cli-about = AWS PrivateLink / VPC 엔드포인트로 트래픽이 흐르지 않는 원인을 찾는다
cli-long-about =
    PrivateLink 트러블슈팅 점검 목록을 읽기 전용 점검(Describe*/Get*/List*만)의 그래프로 VPC 엔드포인트에 실행하고, 근본 원인을 먼저, 그다음 근거와 정확한 조치를 보여 준다.

    명령 없이 터미널에서 실행하면 엔드포인트 선택 화면이 열린다.

    종료 코드: 0 실패한 점검 없음 · 1 실패한 점검 있음 · 2 잘못된 입력 · 3 실패는 없지만 확인 불가인 점검 있음.
cli-arg-config = vpce-doctor 설정 파일 (기본값: $XDG_CONFIG_HOME/vpce-doctor/config.toml, 없으면 ~/.config/vpce-doctor/config.toml, 또는 VPCE_DOCTOR_CONFIG). 플래그와 환경 변수가 설정 파일보다 우선한다
cli-arg-color = 출력 색상: auto (터미널일 때만, NO_COLOR가 설정되지 않았을 때만; 파이프로도 색을 내려면 CLICOLOR_FORCE 설정), always, never. 플래그가 두 환경 변수보다 우선한다. 텍스트 보고서, 대화형 화면, --help에 적용된다
cli-arg-lang = 사람이 읽는 모든 텍스트의 언어: en 또는 ko (한국어). 지정하지 않으면 설정 파일의 `lang`, 그다음 로캘(LC_ALL, LC_MESSAGES, LANG이 `ko`로 시작), 그다음 영어. ID, JSON 키, 명령은 영어 그대로다
cli-arg-help-more = 도움말 출력 (자세히 보려면 '--help')
cli-long-arg-help = 도움말 출력 (요약을 보려면 '-h')
cli-arg-version = 버전 출력
cli-about-check = 엔드포인트 하나를 진단하고 판정을 출력한다 (헤드리스)
cli-arg-check-target = 진단할 대상: 엔드포인트(vpce-…) 또는 증상 — DNS 이름(orders-api.internal.example.com), URL(https://host:8443/path), IP[:port], 서비스(s3, ecr.api, com.amazonaws.us-east-1.sts), 엔드포인트 서비스(vpce-svc-…). 클라이언트(--vpc / --from)에 대해 이를 처리하는 엔드포인트로 확인된다
cli-arg-check-profile = 소비자 계정(엔드포인트 소유자)의 AWS 프로필
cli-arg-check-provider-profile = 서비스 소유자 계정의 AWS 프로필. 없으면(--provider-role-arn도 없으면) 서비스 소유자의 계정 ID로 프로필을 찾고(설정 파일의 [accounts], sso_account_id, role_arn, 또는 이전에 확인한 계정 식별 정보), 그래도 없으면 제공자 점검은 소비자의 자격 증명을 쓰거나 확인 불가가 된다
cli-arg-check-provider-role-arn = 제공자 점검을 위해 소비자의 자격 증명으로 수임(sts:AssumeRole)하는 서비스 소유자 계정의 역할
cli-arg-check-region = AWS 리전 (기본값: 프로필 또는 AWS_REGION)
cli-arg-check-ports = 클라이언트가 쓰는 TCP 포트 (반복 가능; 기본값: 제공자가 보이면 NLB 리스너 포트, 아니면 443)
cli-arg-check-from = 클라이언트가 누구인지: sg-…, subnet-…, i-…, eni-…, CIDR 또는 IP (기본값: 특정하지 않음; 판정은 규칙이 허용하는 대상을 알려 준다). 이름, URL, 주소, 서비스 TARGET이면 클라이언트의 VPC와 서브넷이 어느 엔드포인트가 처리할지를 정한다
cli-arg-check-vpc = 클라이언트의 VPC (vpc-…): 이름, URL, 주소, 서비스 TARGET을 이 VPC가 확인하고 라우팅하는 대로 확인한다 (기본값: --from의 VPC, 없으면 모든 VPC)
cli-arg-check-dns-server = 이 DNS 서버(IP[:PORT])로 이름을 확인하고, 응답을 VPC의 응답으로 판단한다 (기본값: 시스템 해석기)
cli-arg-check-vantage = DNS 점검에서 이 머신이 엔드포인트의 VPC에 대해 어디에 있는지
cli-arg-check-expect-action = 엔드포인트 정책에 시험할 작업, 예: s3:GetObject
cli-arg-check-expect-resource = 엔드포인트 정책에 시험할 리소스, 예: arn:aws:s3:::bucket/*
cli-arg-check-probe = 능동 프로브 실행: 각 엔드포인트 주소의 각 포트로 TCP 연결 (엔드포인트의 VPC 안에서만 의미가 있다; 이 플래그 없이는 절대 하지 않는다)
cli-arg-check-timeout = API 시도, DNS 쿼리, TCP 연결 하나에 허용하는 초 (기본값: 10, 또는 설정 파일의 timeout)
cli-arg-check-window-secs = 트래픽 점검이 CloudWatch 지표를 읽는 기간: 15m, 1h, 90s … (1m부터 24h까지; 3h까지는 60초 주기, 그 이상은 300초 주기)
cli-arg-check-format = 보고서 형식. 여러 개를 쓰려면 반복하거나 쉼표로 구분하며, 이때는 --output-dir이 필요하다. 기본값: text, 또는 --output 파일의 확장자가 가리키는 형식. 스캔의 JSON에는 요약과 엔드포인트별 전체 보고서가 들어간다
cli-arg-check-output = 보고서를 표준 출력 대신 FILE에 쓴다 (--format이 없으면 .json .md .html .xml .txt 확장자가 형식을 정한다)
cli-arg-check-output-dir = --format마다 파일 하나를 DIR에 쓴다: vpce-doctor-<endpoint>.<ext> (스캔은 vpce-doctor-scan.<ext>)
cli-arg-check-stats = 작업별 API 호출 수(SDK 재시도 포함)와 소요 시간을 덧붙인다
cli-arg-check-redact = 보고서를 외부에 보낼 수 있도록 계정 ID와 IP 주소(ARN과 CIDR 안의 것도)를 일관된 자리 표시자로 바꾼다
cli-arg-check-save-snapshot = 오프라인 재생을 위해 이번 실행의 모든 사실(AWS 응답, DNS 응답)을 FILE에 기록한다
cli-arg-check-from-snapshot = 기록된 스냅샷을 재생한다: 네트워크를 전혀 쓰지 않고 판정은 같다
cli-arg-check-watch = 보고서 대신 --watch-interval마다 진단을 다시 실행하고 주기마다 한 줄(시각, 변화, API 호출)을 출력한다. 자격 증명이 실패한 주기는 마지막 판정을 오래된 것으로 표시해 유지하고 실행할 명령을 알려 준다. --cycles 또는 Ctrl-C에서 멈춘다
cli-arg-check-watch-interval = 감시 주기 사이의 초 (소수 허용, 0: 쉬지 않고 연속)
cli-arg-check-cycles = N 주기 후 감시를 멈춘다
cli-about-tui = 대화형으로 진단한다: 실시간 점검 그래프, 근거, 조치 (TARGET 없음: 엔드포인트 선택 화면)
cli-arg-tui-target = 진단할 대상 (`check`와 같다: vpce-…, DNS 이름, URL, IP[:port], 서비스, vpce-svc-…). 없으면 엔드포인트 선택 화면이 열린다
cli-arg-tui-profile = { cli-arg-check-profile }
cli-arg-tui-provider-profile = { cli-arg-check-provider-profile }
cli-arg-tui-provider-role-arn = { cli-arg-check-provider-role-arn }
cli-arg-tui-region = { cli-arg-check-region }
cli-arg-tui-ports = { cli-arg-check-ports }
cli-arg-tui-from = { cli-arg-check-from }
cli-arg-tui-vpc = { cli-arg-check-vpc }
cli-arg-tui-dns-server = { cli-arg-check-dns-server }
cli-arg-tui-vantage = { cli-arg-check-vantage }
cli-arg-tui-expect-action = { cli-arg-check-expect-action }
cli-arg-tui-expect-resource = { cli-arg-check-expect-resource }
cli-arg-tui-probe = { cli-arg-check-probe }
cli-arg-tui-timeout = { cli-arg-check-timeout }
cli-arg-tui-window-secs = { cli-arg-check-window-secs }
cli-arg-tui-watch-interval = 감시 모드(`w`)에서 다시 실행하는 간격(초)
cli-arg-tui-export-dir = `e`가 내보내기 파일을 쓰는 곳
cli-arg-tui-log-file = 로그를 FILE에 쓴다 (화면에는 절대 로그를 쓰지 않는다)
cli-arg-tui-from-snapshot = 실시간으로 관찰하는 대신 기록된 스냅샷을 보여 준다
cli-about-demo = 번들 시나리오로 대화형 화면을 연다: AWS 계정도 네트워크도 필요 없다
cli-arg-demo-scenario = 열 시나리오 (--list 참고). 없으면 시나리오 선택 화면이 열린다
cli-arg-demo-list = 번들 시나리오 목록을 출력하고 끝낸다
cli-arg-demo-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-demo-export-dir = { cli-arg-tui-export-dir }
cli-arg-demo-log-file = { cli-arg-tui-log-file }
cli-arg-help = 도움말 출력
cli-about-scan = 계정의 모든 엔드포인트(또는 소유자 쪽에서 본 서비스의 모든 연결)를 진단하고 표를 출력한다: 엔드포인트별 가장 나쁜 상태와 근본 원인
cli-arg-scan-profile = 소비자 계정(엔드포인트 소유자)의 AWS 프로필
cli-arg-scan-provider-profile = 서비스 소유자 계정의 AWS 프로필 (제공자 점검; --service와 함께면 연결을 스캔할 계정)
cli-arg-scan-provider-role-arn = { cli-arg-check-provider-role-arn }
cli-arg-scan-regions = 스캔할 리전. 여러 리전은 반복해서 지정하며 동시에 스캔한다 (기본값: 프로필의 리전)
cli-arg-scan-all-regions = 계정이 쓸 수 있는 모든 리전을 스캔한다 (DescribeRegions)
cli-arg-scan-filters = 모든 필터에 맞는 엔드포인트만: tag:KEY=VALUE, tag:KEY, vpc-id=…, service-name=…, state=…, type=Interface|Gateway
cli-arg-scan-service = 제공자 관점: 서비스 소유자의 자격 증명으로 이 엔드포인트 서비스(vpce-svc-…)의 모든 연결을 진단한다
cli-arg-scan-org = AWS Organization의 모든 계정: 계정 목록을 가져오고(organizations:ListAccounts, --profile의 자격 증명: 관리 계정 또는 위임된 관리자 계정) 각 계정에서 --role-name을 수임한다
cli-arg-scan-role-name = 조직의 모든 계정에서 수임할 역할 (이름, 또는 경로/이름)
cli-arg-scan-accounts = 조직에서 이 계정들만 (12자리 ID, 쉼표로 구분하거나 반복)
cli-arg-scan-exclude-accounts = 이 계정들은 제외 (12자리 ID, 쉼표로 구분하거나 반복)
cli-arg-scan-account-concurrency = --org에서 동시에 스캔하는 계정 수 (계정마다 리전별 API 호출을 따로 제한한다)
cli-arg-scan-ports = 클라이언트가 쓰는 TCP 포트 (반복 가능)
cli-arg-scan-dns-server = 이 DNS 서버(IP[:PORT])로 이름을 확인하고, 응답을 VPC의 응답으로 판단한다
cli-arg-scan-vantage = DNS 점검에서 이 머신이 엔드포인트들의 VPC에 대해 어디에 있는지
cli-arg-scan-concurrency = 리전마다 동시에 실행하는 진단 수 (API 호출은 따로 제한한다; 기본값: 32, 또는 설정 파일의 concurrency)
cli-arg-scan-timeout = API 시도와 DNS 쿼리 하나에 허용하는 초 (기본값: 10, 또는 설정 파일의 값)
cli-arg-scan-window-secs = 트래픽 점검이 CloudWatch 지표를 읽는 기간 (1m부터 24h까지)
cli-arg-scan-tui = 결과를 엔드포인트 선택 화면에서 연다 (판정 포함, 가장 나쁜 것부터; --org면 ACCOUNT 열 추가). Enter를 누르면 그 계정의 자격 증명으로(--org면 그 계정에서 수임한 역할로) 엔드포인트의 실시간 진단이 열린다
cli-arg-scan-format = { cli-arg-check-format }
cli-arg-scan-output = { cli-arg-check-output }
cli-arg-scan-output-dir = { cli-arg-check-output-dir }
cli-arg-scan-stats = { cli-arg-check-stats }
cli-arg-scan-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-scan-export-dir = { cli-arg-tui-export-dir }
cli-arg-scan-log-file = { cli-arg-tui-log-file }
cli-about-runbook = 안내형 런북을 단계별로 진행하거나(TUI) 끝까지 실행한다(--format)
cli-arg-runbook-args = NAME TARGET (기본 제공 런북, --list 참고), 또는 --runbook FILE과 함께 TARGET만
cli-arg-runbook-list = 기본 제공 런북 목록을 출력하고 끝낸다
cli-arg-runbook-runbook = 직접 만든 런북 파일을 쓴다 (기본 제공 런북과 같이 검증한다)
cli-arg-runbook-format = TUI 없이 런북 전체를 실행하고 채워진 점검 목록을 출력한다
cli-arg-runbook-output = --format과 함께: 기록을 표준 출력 대신 FILE에 쓴다
cli-arg-runbook-from-snapshot = 실시간으로 관찰하는 대신 기록된 스냅샷으로 진행한다
cli-arg-runbook-profile = { cli-arg-check-profile }
cli-arg-runbook-provider-profile = { cli-arg-check-provider-profile }
cli-arg-runbook-provider-role-arn = { cli-arg-check-provider-role-arn }
cli-arg-runbook-region = { cli-arg-check-region }
cli-arg-runbook-ports = { cli-arg-check-ports }
cli-arg-runbook-from = { cli-arg-check-from }
cli-arg-runbook-vpc = { cli-arg-check-vpc }
cli-arg-runbook-dns-server = { cli-arg-check-dns-server }
cli-arg-runbook-vantage = { cli-arg-check-vantage }
cli-arg-runbook-expect-action = { cli-arg-check-expect-action }
cli-arg-runbook-expect-resource = { cli-arg-check-expect-resource }
cli-arg-runbook-probe = { cli-arg-check-probe }
cli-arg-runbook-timeout = { cli-arg-check-timeout }
cli-arg-runbook-window-secs = { cli-arg-check-window-secs }
cli-arg-runbook-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-runbook-export-dir = { cli-arg-tui-export-dir }
cli-arg-runbook-log-file = { cli-arg-tui-log-file }
cli-about-workload = 프라이빗 워크로드에 필요한 모든 VPC 엔드포인트(ECR 풀, EKS 노드, Session Manager, Fargate의 ECS, Lambda, STS)를 VPC 하나에서 점검한다: 서비스마다 한 행, 근본 원인 먼저, 고치는 명령과 함께
cli-arg-workload-workload = 워크로드 프로필: eks-nodes, ecr-pull, ssm, ecs-fargate, lambda, sts (프로필별 서비스는 README와 checks/workloads.toml에 있다)
cli-arg-workload-vpc = 워크로드가 실행되는 VPC
cli-arg-workload-subnets = 워크로드가 실행되는 서브넷 (반복 가능; 기본값: VPC의 프라이빗 서브넷, 즉 라우팅 테이블에 인터넷 게이트웨이 경로가 없는 서브넷, 프라이빗 서브넷이 없으면 모든 서브넷). 정확히 하나면 각 엔드포인트를 그 서브넷의 클라이언트 기준으로 진단한다 (--from subnet-…처럼)
cli-arg-workload-aws-profile = VPC가 있는 계정의 AWS 프로필
cli-arg-workload-region = { cli-arg-check-region }
cli-arg-workload-dns-server = { cli-arg-scan-dns-server }
cli-arg-workload-vantage = DNS 점검에서 이 머신이 VPC에 대해 어디에 있는지
cli-arg-workload-timeout = { cli-arg-scan-timeout }
cli-arg-workload-tui = 행들을 대화형 화면에서 연다: 행에서 Enter를 누르면 그 엔드포인트의 진단이 열린다
cli-arg-workload-format = { cli-arg-check-format }
cli-arg-workload-output = { cli-arg-check-output }
cli-arg-workload-output-dir = { cli-arg-check-output-dir }
cli-arg-workload-stats = { cli-arg-check-stats }
cli-arg-workload-watch-interval = { cli-arg-tui-watch-interval }
cli-arg-workload-export-dir = { cli-arg-tui-export-dir }
cli-arg-workload-log-file = { cli-arg-tui-log-file }
cli-about-iam-policy = 각 계정에 필요한 최소 권한 읽기 전용 IAM 정책(JSON)을 출력한다
cli-arg-iam-policy-consumer = 소비자 계정(엔드포인트 소유자)의 정책만
cli-arg-iam-policy-provider = 제공자 계정(서비스 소유자)의 정책만
cli-arg-iam-policy-org = `scan --org` 호출자에게 필요한 것만: organizations:ListAccounts와 역할에 대한 sts:AssumeRole (역할에는 소비자와 제공자 정책이 필요하다)
cli-arg-iam-policy-role-name = `scan --org`가 수임하는 역할 (기본값: 모든 역할)
cli-arg-iam-policy-provider-role-arn = --provider-role-arn(또는 설정 파일의 역할)에 필요한, 이 역할에 대한 sts:AssumeRole을 소비자 정책에 추가한다
cli-about-checks = 점검 카탈로그 목록: ID, 계정, 제목, 각 점검에 필요한 것
cli-about-completions = 이 명령줄로 생성한 셸 자동 완성 스크립트를 출력한다 (셸마다 읽는 위치는 README의 Install 절 참고)
cli-about-man = vpce-doctor의 매뉴얼 페이지(roff)를 출력하거나, 명령마다 한 페이지씩 DIR에 쓴다
cli-arg-man-dir = vpce-doctor.1, vpce-doctor-check.1, …을 DIR에 쓰고(없으면 만든다) 쓴 파일 목록을 출력한다
cli-about-config = 유효한 설정(플래그 > 환경 변수 > 설정 파일 > 기본값)과 각 설정의 출처를 출력한다
cli-arg-config-profile = `check`와 같다: 소비자의 AWS 프로필
cli-about-help = 이 도움말 또는 지정한 하위 명령의 도움말을 출력한다
cli-about-help-check = { cli-about-check }
cli-about-help-tui = { cli-about-tui }
cli-about-help-demo = { cli-about-demo }
cli-about-help-scan = { cli-about-scan }
cli-about-help-runbook = { cli-about-runbook }
cli-about-help-workload = { cli-about-workload }
cli-about-policy-test = 요청 하나를 경로상의 정책(엔드포인트 정책, 그리고 S3 엔드포인트 뒤의 버킷 정책)에 대해 엔드포인트를 거치는 요청이 갖는 컨텍스트로 판정한다: 허용, 거부(어느 문과 조건으로), 또는 도구가 알 수 없는 키에 달림. --endpoint-policy FILE을 주면 오프라인으로 동작해서 적용 전에 변경을 시험할 수 있다
cli-arg-policy-test-endpoint = 요청이 거치는 엔드포인트
cli-arg-policy-test-action = IAM이 부르는 이름의 API 작업(s3:GetObject, ecr:GetAuthorizationToken)
cli-arg-policy-test-resource = 리소스의 ARN(arn:aws:s3:::bucket/key). S3라면 정책도 함께 판정할 버킷을 가리킨다. 없으면 일부 리소스로 한정된 문이 적용되는지 알 수 없다
cli-arg-policy-test-endpoint-policy = 엔드포인트 자체의 정책 대신 이 엔드포인트 정책(JSON)을 판정한다: AWS에서 아무것도 읽지 않으며, --vpc/--account/--region이 엔드포인트의 요청 컨텍스트를 채운다
cli-arg-policy-test-bucket-policy = s3:GetBucketPolicy로 버킷의 정책을 읽는 대신 이 버킷 정책(JSON)을 판정한다
cli-arg-policy-test-principal = 호출자의 ARN(역할, 역할 세션, 사용자): Principal과 aws:PrincipalArn, aws:PrincipalAccount 키를 정한다
cli-arg-policy-test-context = 요청에 담긴 조건 키의 값(반복 가능): aws:PrincipalOrgID=o-…, aws:VpceOrgID=o-…. 값이 여럿이면 쉼표로 구분하고, KEY=는 키가 없다는 뜻이다
cli-arg-policy-test-vpc = 엔드포인트의 VPC(aws:SourceVpc). --endpoint-policy와 함께 쓴다
cli-arg-policy-test-account = 엔드포인트를 소유한 계정(aws:VpceAccount). --endpoint-policy와 함께 쓴다
cli-arg-policy-test-aws-profile = 엔드포인트(와 버킷)를 소유한 계정의 AWS 프로필
cli-arg-policy-test-timeout = API 시도 한 번에 허용하는 초(기본값: 10, 또는 설정 파일의 값)
cli-arg-policy-test-region = { cli-arg-check-region }
cli-arg-policy-test-format = 출력 형식: text 또는 json(json의 구조는 README에 있다)
cli-about-help-policy-test = { cli-about-policy-test }
cli-about-help-iam-policy = { cli-about-iam-policy }
cli-about-help-checks = { cli-about-checks }
cli-about-help-completions = { cli-about-completions }
cli-about-help-man = { cli-about-man }
cli-about-help-config = { cli-about-config }
cli-about-help-help = { cli-about-help }

## 명령줄 자체의 오류 (src/main.rs): 한 줄, 종료 코드 2.

cli-error-invalid-arguments = 오류: 인자가 올바르지 않다
cli-error-see-help = { $line } (--help 참고)
cli-error-runtime = 오류: 비동기 런타임을 시작할 수 없다: { $error }
cli-error = 오류: { $error }

## 잘못된 입력 (종료 코드 2), 각각 한 줄.

cli-input-snapshot-other-target = 스냅샷 { $path } 파일은 { $target } 대상이 아니라 { $asked } 대상의 진단이다
cli-input-no-region = AWS 리전이 없다: --region을 지정하거나, AWS_REGION을 설정하거나, 프로필에 region을 설정하세요
cli-input-runbook-file-target = --runbook FILE과 함께라면 TARGET 엔드포인트 ID만 지정하세요
cli-input-unknown-runbook = 알 수 없는 런북 { $name }: { $names } 중 하나를 지정하세요 (또는 --runbook FILE)
cli-input-runbook-args = NAME TARGET이 필요하다. 예: `vpce-doctor runbook endpoint-unreachable vpce-0123456789abcdef0` (--list 참고)
cli-input-no-command = 명령이 없다: 터미널에서는 엔드포인트 선택 화면이 열리고, 그 밖에서는 `vpce-doctor check TARGET`을 쓰세요 (--help 참고)
cli-input-man-dir = 매뉴얼 페이지를 { $dir } 디렉터리에 쓸 수 없다: { $error }
cli-input-region-twice = --region { $region } 값이 두 번 지정되었다

## 명령줄이 거부하는 값 (src/cli.rs). clap이 자체 문구 뒤에 출력한다.

cli-input-bad-id = 잘못된 { $flag } 값 { $value }: { $prefix } 뒤에 소문자 16진수 8자리 또는 17자리가 와야 한다. 예: { $prefix }0123456789abcdef0
cli-input-bad-vpc = 잘못된 --vpc 값 { $value }: vpc-0123456789abcdef0 같은 VPC ID가 필요하다
cli-input-bad-interval = 잘못된 간격 { $value }: 초 단위 숫자가 필요하다. 예: 10 또는 0.5
cli-input-interval-range = 잘못된 간격 { $value }: 0부터 3600초까지만 된다
cli-input-bad-account = 잘못된 계정 ID { $value }: 123456789012 같은 12자리 숫자가 필요하다
cli-input-bad-role-name = 잘못된 역할 이름 { $value }: vpce-doctor-read 같은 IAM 역할 이름이 필요하다 (영문자, 숫자, +=,.@_-; 최대 64자). ops/ 같은 경로를 앞에 붙여도 된다
cli-input-bad-service = 잘못된 --service 값 { $value }: vpce-svc-0123456789abcdef0 같은 엔드포인트 서비스 ID가 필요하다
cli-input-bad-region = { $value } 값은 AWS 리전 이름이 아니다: us-east-1, eu-central-2, ap-southeast-5, cn-north-1, us-gov-west-1 같은 리전이 필요하다 (`aws ec2 describe-regions` 참고)
cli-input-bad-role-arn = 잘못된 --provider-role-arn 값 { $value }: arn:aws:iam::222222222222:role/VpceDoctorReadOnly 같은 역할 ARN이 필요하다
cli-input-bad-window = 잘못된 --window 값 { $value }: 15m, 1h, 90s처럼 1m부터 24h까지의 기간이 필요하다
cli-input-unknown-workload = 알 수 없는 워크로드 { $name }: { $names } 중 하나를 지정하세요

## vpce-doctor config (src/config.rs)

cli-config-file = 설정 파일
cli-config-cache = 계정 식별 캐시
cli-config-unset = (설정 안 됨)
cli-config-none-at = 없음: { $path } 경로에 없다 (기본값 적용)
cli-config-none-no-home = 없음 (찾아볼 HOME이나 XDG_CONFIG_HOME이 없다)
cli-config-no-cache = 없음 (HOME이나 XDG_CACHE_HOME이 없다)
cli-config-bad-profile = 키 profile: AWS 설정 파일에 있는 프로필 이름이 필요하다
cli-config-bad-region = 키 region: { $value } 값은 AWS 리전 이름이 아니다: us-east-1, eu-central-2 같은 리전이 필요하다
cli-config-bad-timeout = 키 timeout: { $value } 값이 범위를 벗어났다: 1부터 300초까지만 된다
cli-config-bad-concurrency = 키 concurrency: { $value } 값이 범위를 벗어났다: 1부터 512까지만 된다
cli-config-bad-lang = 키 lang: { $value } 값은 언어가 아니다: { $langs } 중 하나가 필요하다
cli-config-bad-account = 키 { $key }: 12자리 계정 ID가 필요하다
cli-config-bad-role-arn = 키 { $key }.role_arn: { $value } 값은 역할 ARN이 아니다: arn:aws:iam::{ $account }:role/NAME 형식이 필요하다
cli-config-account-entry = 키 { $key }: profile = "NAME" 또는 role_arn = "arn:aws:iam::{ $account }:role/NAME" 중 정확히 하나가 필요하다
cli-config-bad-service = 키 { $key }: 서비스 이름(com.amazonaws.us-east-1.execute-api, com.amazonaws.vpce.us-east-1.vpce-svc-…) 또는 엔드포인트 서비스 ID(vpce-svc-…)가 필요하다
cli-config-bad-ports = 키 { $key }: 1부터 65535까지의 TCP 포트 목록이 필요하다. 예: [443]

## 대상으로 줄 수 있는 것 (src/target.rs).
target-accepted = 엔드포인트(vpce-0123456789abcdef0), 엔드포인트 서비스(vpce-svc-…), 서비스(s3, ecr.api, com.amazonaws.us-east-1.sts), DNS 이름, URL(https://host:port/path) 또는 IP[:port] 중 하나를 주세요
target-empty = 대상이 비어 있다: { $accepted }
target-not-a-target = { $shown } 값은 대상이 아니다: { $accepted }
target-bad-service-id = { $shown } 값은 엔드포인트 서비스 ID가 아니다: vpce-svc- 뒤에 소문자 16진수 8자리 또는 17자리가 와야 한다
target-bad-endpoint-id = { $shown } 값은 VPC 엔드포인트 ID가 아니다: vpce- 뒤에 소문자 16진수 8자리 또는 17자리가 와야 한다(예: vpce-0123456789abcdef0)
target-bad-service-name = { $shown } 값은 서비스 이름이 아니다: com.amazonaws.REGION.NAME 형식이어야 한다(예: com.amazonaws.us-east-1.s3)
target-not-instance = 인스턴스는 클라이언트다: --from으로 지정하세요
target-not-eni = 네트워크 인터페이스는 클라이언트다: --from으로 지정하세요(또는 그 IP 주소를 대상으로 주세요)
target-not-subnet = 서브넷은 클라이언트가 있는 곳이다: --from으로 지정하세요
target-not-sg = 보안 그룹은 클라이언트를 가리킨다: --from으로 지정하세요
target-not-vpc = VPC는 클라이언트가 있는 곳이다: --vpc로 지정하고, 클라이언트가 닿으려는 대상을 주세요
cli-input-bad-action = 잘못된 --action { $value }: IAM 표기의 SERVICE:ACTION이어야 한다. 예: s3:GetObject
cli-input-bad-arn = 잘못된 ARN { $value }: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE 형식이어야 한다. 예: arn:aws:s3:::bucket/key, arn:aws:iam::111122223333:role/app
cli-input-bad-context = 잘못된 --context { $value }: aws:PrincipalOrgID=o-a1b2c3d4e5처럼 조건 키를 쓴 KEY=VALUE여야 한다(값이 여럿이면 VALUE,VALUE, 키가 없으면 KEY=)
cli-input-policy-file = { $file }을(를) 정책으로 쓸 수 없다: { $error }
