# Shared by ./crystal-bench and ./mvnw: find a JDK >= 25 and check for OpenBLAS.
# Sourced, not executed. Sets CB_JAVA_HOME or prints a clear message and returns 1.

cb_java_major() { # $1 = path to a java binary; prints its feature version
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

cb_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  c=$(command -v java 2>/dev/null) && candidates+=("$(dirname "$(dirname "$(readlink -f "$c")")")")
  for c in /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/* /opt/java/* /opt/jdk* \
           "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(cb_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then CB_JAVA_HOME="$c"; return 0; fi
  done
  cat >&2 <<MSG
crystal-bench: no JDK 25 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt).
  Install one, e.g. on Debian/Ubuntu:  apt-get install -y temurin-25-jdk   (Adoptium repository)
  or download it from https://adoptium.net, then set JAVA_HOME to its folder.
MSG
  return 1
}

cb_check_openblas() {
  # Not `grep -q`: it exits at the first match, ldconfig then dies of SIGPIPE, and under
  # `set -o pipefail` the whole check would fail now and then.
  if ldconfig -p 2>/dev/null | grep 'libopenblas\.so' >/dev/null; then return 0; fi
  local f
  for f in /usr/lib/x86_64-linux-gnu/libopenblas.so* /usr/lib/aarch64-linux-gnu/libopenblas.so* /usr/lib64/libopenblas.so* \
           /usr/lib/libopenblas.so* /usr/local/lib/libopenblas.so* /opt/homebrew/opt/openblas/lib/libopenblas*.dylib; do
    [ -e "$f" ] && return 0
  done
  cat >&2 <<MSG
crystal-bench: OpenBLAS (libopenblas.so) not found; Smile's MLP needs it.
  Debian/Ubuntu:  apt-get install -y libopenblas-dev     macOS:  brew install openblas
MSG
  return 1
}
