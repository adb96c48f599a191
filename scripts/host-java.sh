# Sourced by ./demo and scripts/bench-startup: runs a class of the demo on JDK 17 with the JVM flags
# Broadleaf 3.1 needs (docs/jdk17-host.md) — the same flags as the parent pom's host.jvm.flags.
#   host_java <maven classpath file> <class path entries before it> <main class> [args...]
host_java() {
  local cp_file=$1 cp_prefix=$2 main=$3
  shift 3
  local agent
  agent=$(tr ':' '\n' < "$cp_file" | grep '/spring-instrument-[^/]*\.jar$' | head -n1)
  java -javaagent:"$agent" \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
    --add-opens java.base/java.lang.reflect=ALL-UNNAMED --add-opens java.base/java.text=ALL-UNNAMED \
    --add-opens java.desktop/java.beans=ALL-UNNAMED \
    -Xmx1g -cp "$cp_prefix:$(cat "$cp_file")" "$main" "$@"
}
