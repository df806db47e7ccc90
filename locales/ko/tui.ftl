# tui 메시지. 용어: checks/ko/GLOSSARY.md.

## 키: 도움말 창과 하단 힌트.
tui-key-help = 이 도움말 보이기/숨기기
tui-key-quit = 종료
tui-key-back = 뒤로 (도움말 닫기, 필터 나가기, 엔드포인트 목록으로 돌아가기) 또는 종료
tui-key-up = 위로 이동 (상세 창에서는 위로 스크롤)
tui-key-down = 아래로 이동 (상세 창에서는 아래로 스크롤)
tui-key-top = 첫 항목
tui-key-bottom = 마지막 항목
tui-key-page-up = 상세 창을 한 페이지 위로 스크롤
tui-key-page-down = 상세 창을 한 페이지 아래로 스크롤
tui-key-open-picker = 선택한 엔드포인트 진단
tui-key-filter-picker = 엔드포인트 필터 (ID, 단어 또는 DNS 이름을 입력 — Tab으로 이름 자동 완성 — 후 Enter 또는 Esc)
tui-key-filter-diagnosis = 점검 필터 (입력 후 Enter 또는 Esc)
tui-key-switch-pane-diagnosis = 점검 그래프와 상세 창 사이 전환
tui-key-rerun-all-diagnosis = 모든 점검 다시 실행
tui-key-rerun-selected-diagnosis = 선택한 점검과 그에 의존하는 점검 다시 실행
tui-key-toggle-watch-diagnosis = 감시 모드: N초마다 다시 실행하고 상태가 바뀔 때마다 그 시각을 표시
tui-key-copy-diagnosis = 선택한 점검의 조치 명령 복사 (OSC 52: SSH에서도 동작)
tui-key-export-diagnosis = 이번 실행을 JSON, Markdown, HTML, JUnit으로 내보내기
tui-key-toggle-path-diagnosis = 점검 트리와 경로 보기 사이 전환 (가용 영역별 홉)
tui-key-left-diagnosis = 경로 보기: 이전 홉
tui-key-right-diagnosis = 경로 보기: 다음 홉
tui-key-open-diagnosis = 경로 보기: 선택한 홉을 판정하는 점검으로 이동
tui-key-next-step-runbook = 런북: 다음 단계 (실패한 단계는 분기되는 단계로)
tui-key-previous-step-runbook = 런북: 이전 단계
tui-key-recheck-runbook = 런북: 이 단계 다시 점검 (조치를 적용한 뒤)
tui-key-copy-runbook = 런북: 이 단계의 조치 명령 복사 (OSC 52)
tui-key-export-runbook = 런북: 진행 기록을 Markdown과 JSON으로 내보내기
tui-hint-help = 도움말
tui-hint-quit = 종료
tui-hint-diagnose = 진단
tui-hint-filter = 필터
tui-hint-pane = 창 전환
tui-hint-rerun = 재실행
tui-hint-watch = 감시
tui-hint-copy-fix = 조치 복사
tui-hint-export = 내보내기
tui-hint-next = 다음
tui-hint-prev = 이전
tui-hint-recheck = 재점검
tui-hint-path = 경로
tui-filter-editing = ▏ Enter 유지 · Esc 지우기

## 도움말 창.
tui-help-title = 도움말
tui-help-keys = 키
tui-help-mouse = 마우스: 클릭하면 선택, 휠로 스크롤
tui-help-statuses = 상태
tui-help-root-cause = 근본 원인은 선행 점검이 실패하지 않았는데 실패한 점검이다.
tui-help-close = ? 또는 Esc: 도움말 닫기

## 엔드포인트 목록.
tui-picker-title-live = VPC 엔드포인트 · { $region }
tui-picker-title-workload = 워크로드 { $profile } · { $vpc } · { $region }
tui-picker-title-org = scan --org · 역할 { $role } · 계정 { $accounts }개 · { $regions }
tui-picker-title-scan = 스캔 · { $regions }
tui-picker-title-demo = vpce-doctor 데모 · 내장 시나리오 (AWS 계정 불필요)
tui-picker-list-failed = 엔드포인트 목록을 가져올 수 없다: { $error }
tui-picker-loading = { $spinner } 엔드포인트를 불러오는 중…
tui-picker-empty = 여기에는 VPC 엔드포인트가 없다
tui-picker-checking = { $spinner } 점검 중
tui-picker-shown = — { $count }개 표시
tui-col-name = 이름
tui-col-endpoint = 엔드포인트
tui-col-state = 상태
tui-col-verdict = 판정
tui-col-account = 계정
tui-col-root-cause = 근본 원인
tui-col-service = 서비스
tui-row-no-endpoint = — 없음
tui-row-not-scanned = — 스캔 안 됨
tui-row-found = 있음
tui-row-missing = 없음
tui-row-unscanned = 스캔 안 됨
tui-row-required = 필수 { $service }
tui-row-optional = 선택 { $service }

## 진단: 머리글, 점검 그래프, 상세 창.
tui-header-running = { $spinner } 실행 중
tui-header-done = { $secs }초 만에 완료
tui-header-starting = 시작하는 중…
tui-header-cross-region = { $region } → 서비스 리전 { $remote }
tui-header-service-unknown = 서비스 확인 불가
tui-header-no-provider-profile = --provider-profile 없음
tui-header-accounts = 소비자 { $consumer } · 제공자 { $provider } · 실행 위치: { $vantage }
tui-watch-last-cycle = ◉ 감시 { $every }초 · 마지막 주기 { $last }
tui-watch-no-cycle = ◉ 감시 { $every }초 · 아직 끝난 주기 없음
tui-stale-since = { $at } 이후 갱신되지 않은 판정
tui-stale-no-verdicts = 아직 판정 없음
tui-cycle-no-change = { $clock } 변경 없음
tui-cycle-more = (외 { $count }건)
tui-section-root-cause = 근본 원인
tui-section-advice = 권고
tui-checks-title = 점검 — 근본 원인 { $roots }개
tui-checks-matching = 점검 (필터 /{ $filter })
tui-detail-title = 상세
tui-detail-none = 선택한 점검 없음
tui-detail-changed = 변경 { $from } → { $to } (시각 { $at })
tui-detail-what-it-checks = 점검 내용
tui-detail-pending = 선행 점검을 기다리는 중…
tui-detail-running = 실행 중…
tui-verdict = 판정
tui-detail-blocked-by = 선행 점검 { $checks } 때문에 보류되었다. 그 점검부터 조치하세요.
tui-detail-evidence = 근거
tui-detail-fix = 조치
tui-fix-account = ({ $account } 계정)
tui-detail-copy-hint = y: 첫 번째 명령 복사
tui-detail-reproduce = 직접 확인
tui-detail-needs = 선행 점검: { $checks }
tui-detail-account-docs = 계정: { $account } · 문서: { $docs }
tui-none = (없음)
tui-series-no-lines = (데이터 계열 없음)
tui-path-decides = 결정
tui-path-passes = 넘김
tui-path-skipped = { $layer } (건너뜀)

## 런북 화면.
tui-runbook-title = 런북 { $name } — { $step }/{ $steps }단계
tui-runbook-why = 이 단계를 보는 이유
tui-runbook-checks-see = 점검 결과
tui-runbook-check-running = { $spinner } { $id } 실행 중…
tui-runbook-check-waiting = · { $id } 대기 중…
tui-runbook-stopped = 중단: { $reason }
tui-runbook-stopped-hint = 조치한 뒤 r을 눌러 이 단계를 다시 점검하세요.
tui-runbook-waiting-checks = 점검을 기다리는 중…
tui-runbook-at = 시각 { $at }
tui-runbook-what-to-do = 조치 방법
tui-transcript-title = 진행 기록 ({ $steps }단계 중 { $done }단계 점검)
tui-transcript-checked = { $step } 단계 점검
tui-transcript-rechecked = { $step } 단계 재점검

## 알림.
tui-toast-aws-back = AWS가 다시 응답한다: 판정은 { $clock } 기준 최신이다
tui-toast-run-in-progress = 실행이 진행 중이다
tui-toast-rerun-from = { $id } 점검과 그에 의존하는 점검을 다시 실행한다
tui-toast-watch-off = 감시 모드 끔
tui-toast-watch-on = 감시 모드: { $every }초마다 다시 실행
tui-toast-copied = { $id } 점검의 조치를 복사했다 (OSC 52)
tui-toast-no-fix-command = { $id } 점검에는 복사할 조치 명령이 없다
tui-toast-export-wait = 실행이 끝난 뒤에 내보내세요
tui-toast-check-running = 점검이 실행 중이다
tui-toast-rechecking = { $id } 단계를 다시 점검한다
tui-toast-step-copied = 이 단계의 조치를 복사했다 (OSC 52)
tui-toast-step-no-fix-command = 이 단계에는 복사할 조치 명령이 없다
tui-toast-open-failed = 열 수 없다: { $error }
tui-toast-no-scenario = 시나리오 없음: { $key }
tui-toast-no-endpoint = 열 엔드포인트가 없다: { $what }
tui-toast-no-settings = 열 설정이 없다: { $key }
tui-toast-opening = { $key } 여는 중…
tui-toast-rerun-all = 모든 점검을 다시 실행한다
tui-toast-exported = 내보냄: { $paths }
tui-toast-export-failed = 내보내기 실패: { $error }
tui-list-and = {" "}및{" "}
tui-nothing-to-export = 내보낼 것이 없다
tui-no-runbook = 런북 없음

## 화면을 열기 전의 오류.
tui-error-no-terminal = 대화형 화면에는 터미널이 필요하다. 스크립트에서는 `vpce-doctor check TARGET`을 쓰세요
tui-error-unknown-scenario = 알 수 없는 데모 시나리오 { $name }: 다음 중 하나여야 한다: { $names }
tui-error-terminal-setup = 터미널을 설정할 수 없다: { $error }
tui-error-terminal-draw = 터미널에 그릴 수 없다: { $error }
tui-error-log-file = 로그 파일을 열 수 없다: { $path }: { $error }

## 데모 시나리오 (`vpce-doctor demo --list`, 데모 목록).
tui-demo-title-healthy = 모두 정상: 두 계정에 걸친 사용자 지정 서비스
tui-demo-title-pending-acceptance = 서비스 제공자가 연결을 승인하지 않았다
tui-demo-title-sg-blocks-443 = 엔드포인트의 보안 그룹이 443 포트로 들어오는 클라이언트를 허용하지 않는다
tui-demo-title-private-dns-broken = 프라이빗 DNS 연결이 끊겼다: VPC의 DNS 호스트 이름이 꺼져 있다
tui-demo-title-dns-forward-hijack = Resolver 규칙이 프라이빗 DNS 이름을 온프레미스로 전달한다: 엔드포인트의 프라이빗 DNS에는 질의가 가지 않는다
tui-demo-title-unhealthy-targets-az = 한 가용 영역의 대상이 상태 확인에 실패하고 교차 영역 로드 밸런싱이 꺼져 있다: 그 영역의 클라이언트가 실패한다
tui-demo-title-gateway-missing-route = S3 게이트웨이 엔드포인트: 라우팅 테이블 하나에 접두사 목록 경로가 없어졌다
tui-demo-title-gwlb-no-route = 어떤 라우팅 테이블도 트래픽을 보내지 않는 Gateway Load Balancer 엔드포인트
tui-demo-title-resource-association-failed = 연결(association)이 FAILED 상태인 Resource 엔드포인트 (VPC Lattice)
tui-demo-title-cross-region = 리전 간 연결: us-east-1의 엔드포인트에서 us-west-2에 호스팅된 서비스로
tui-demo-title-ipv6-only = IPv6 전용 엔드포인트: AAAA 레코드, IPv6 규칙, IPv6 전용 서브넷, 모두 정상

## 경로 보기
tui-path-title = 경로 · { $hint }
tui-path-hint = ↑↓←→ 홉 · Enter 해당 점검 · v 점검
tui-path-none = 아직 그릴 경로가 없다: 실행이 끝나지 않았거나 엔드포인트가 없다.
tui-path-judged-by = 판정한 점검
tui-path-no-checks = 이 홉을 판정하는 점검이 없다.
tui-path-broken = 끊긴 행
tui-path-zone = { $zone } 영역
tui-toast-path-jump = { $id } 점검이 이 홉을 판정한다 (그 밖에: { $others })
tui-toast-path-jump-one = { $id } 점검이 이 홉을 판정한다
