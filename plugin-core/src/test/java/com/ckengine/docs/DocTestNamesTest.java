package com.ckengine.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs hold claims up by naming the tests that show them ({@code SomeTest.someMethod}). A test
 * renamed or removed would leave a claim standing on nothing: every test class, and every test
 * method, the docs name must exist.
 */
class DocTestNamesTest {
  /** {@code FooTest}, {@code FooTest.method}, {@code FooTest#method}, also bases and benchmarks. */
  private static final Pattern NAMED =
      Pattern.compile("\\b([A-Z]\\w*(?:Test|TestBase|Bench|Benchmark))\\b(?:[.#]([a-z]\\w*))?");

  private static final Pattern EXTENDS = Pattern.compile("\\bextends\\s+(\\w+)");

  @Test
  void everyTestTheDocsNameExists() throws Exception {
    Path root = RepositoryFiles.root();
    Map<String, String> tests = testSources(root);
    List<Path> docs = new ArrayList<Path>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> files = Files.list(root.resolve("docs"))) {
      docs.addAll(files.filter(p -> p.toString().endsWith(".md")).collect(Collectors.toList()));
    }
    List<String> problems = new ArrayList<String>();
    int named = 0;
    for (Path doc : docs) {
      Matcher m = NAMED.matcher(RepositoryFiles.read(doc));
      while (m.find()) {
        named++;
        String type = m.group(1);
        String method = "java".equals(m.group(2)) ? null : m.group(2); // FooTest.java: a file
        if (!tests.containsKey(type)) {
          problems.add(doc.getFileName() + ": no test class " + type);
        } else if (method != null && !declares(tests, type, method, new HashSet<String>())) {
          problems.add(doc.getFileName() + ": " + type + " has no method " + method);
        }
      }
    }
    assertTrue(named >= 50, "the docs name tests (found " + named + ")");
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  /** Whether {@code type} or a class it extends declares {@code method}. */
  private static boolean declares(
      Map<String, String> tests, String type, String method, Set<String> seen) {
    String source = tests.get(type);
    if (source == null || !seen.add(type)) return false;
    if (Pattern.compile("\\s" + Pattern.quote(method) + "\\s*\\(").matcher(source).find()) {
      return true;
    }
    Matcher parent = EXTENDS.matcher(source);
    return parent.find() && declares(tests, parent.group(1), method, seen);
  }

  /** Every test source of every module, by simple class name. */
  private static Map<String, String> testSources(Path root) throws Exception {
    Map<String, String> out = new HashMap<String, String>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.collect(Collectors.toList())) {
        Path java = module.resolve("src/test/java");
        if (!Files.isDirectory(java)) continue;
        try (Stream<Path> files = Files.walk(java)) {
          for (Path f :
              (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
            String name = f.getFileName().toString();
            out.put(name.substring(0, name.length() - ".java".length()), RepositoryFiles.read(f));
          }
        }
      }
    }
    return out;
  }
}
