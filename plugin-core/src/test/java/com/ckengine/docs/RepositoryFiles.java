package com.ckengine.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The repository the tests run in (found above the module's folder), and its docs. */
final class RepositoryFiles {
  private RepositoryFiles() {}

  static Path root() {
    Path p = Paths.get("").toAbsolutePath();
    for (; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("docs/install.md"))
          && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no repository root with docs/install.md above " + Paths.get("").toAbsolutePath());
  }

  static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + p, e);
    }
  }

  /** The headings of a Markdown file, without their '#'s. */
  static List<String> headings(String markdown) {
    List<String> out = new ArrayList<String>();
    boolean fenced = false;
    for (String line : markdown.split("\n")) {
      if (line.startsWith("```")) fenced = !fenced;
      if (!fenced && line.startsWith("#")) out.add(line.replaceFirst("^#+\\s*", "").trim());
    }
    return out;
  }

  /**
   * Every anchor a link may name in {@code markdown}: its headings' anchors and the explicit {@code
   * <a id="...">} anchors (set on a list item a section leans on).
   */
  static List<String> anchors(String markdown) {
    List<String> out = new ArrayList<String>();
    for (String h : headings(markdown)) out.add(anchor(h));
    Matcher m = Pattern.compile("<a id=\"([\\w-]+)\">").matcher(markdown);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to '-'. */
  static String anchor(String heading) {
    return heading.toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  /**
   * The text of the section under the level-2 heading {@code title} ("## title"), up to the next
   * level-2 heading.
   */
  static String section(String markdown, String title) {
    Matcher m = Pattern.compile("(?m)^## " + Pattern.quote(title) + "\\s*$").matcher(markdown);
    if (!m.find()) throw new AssertionError("no section '## " + title + "'");
    int start = m.end();
    Matcher next = Pattern.compile("(?m)^## ").matcher(markdown);
    int end = next.find(start) ? next.start() : markdown.length();
    return markdown.substring(start, end);
  }

  /** Every main source or resource file of every module (src/main of each top-level folder). */
  static List<Path> mainSources(Path root) throws IOException {
    List<Path> out = new ArrayList<Path>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.collect(Collectors.toList())) {
        Path main = module.resolve("src/main");
        if (!Files.isDirectory(main)) continue;
        try (Stream<Path> files = Files.walk(main)) {
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.toString().matches(".*\\.(java|xml|properties|html|sql)$"))
              .forEach(out::add);
        }
      }
    }
    return out;
  }
}
