# Shared by the shell tests (backup/restore, nginx site, pm2 reload): source it, call check for
# each assertion, and end with summary, which prints "N passed, M failed" and fails on any failure.
passed=0 failed=0
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1)); echo "ok   - $1"
  else
    failed=$((failed + 1)); echo "FAIL - $1"; echo "       expected: $2"; echo "       actual:   $3"
  fi
}
summary() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }

free_ports() { # free_ports N: N distinct free loopback ports (all held open together while chosen)
  node -e 'const net = require("net"); const n = +process.argv[1]; let open = 0;
    const servers = Array.from({ length: n }, () => net.createServer().listen(0, "127.0.0.1", () => {
      if (++open < n) return;
      console.log(servers.map((s) => s.address().port).join(" ")); servers.forEach((s) => s.close());
    }));' "$1"
}
