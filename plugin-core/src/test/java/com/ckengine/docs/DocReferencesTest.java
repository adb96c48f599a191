package com.ckengine.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every place in main code (messages, comments, patch files) that sends a reader to {@code
 * docs/X.md, 'Section'} or {@code docs/X.md#anchor} names a file and a section that exist; and the
 * docs' links to each other lead somewhere.
 */
class DocReferencesTest {
  // docs/install.md, 'Encryption key'  |  docs/install.md, "Encryption key"  |
  // docs/install.md#encryption-key
  private static final Pattern REFERENCE =
      Pattern.compile("docs/([\\w.-]+\\.md)(?:#([\\w-]+)|,\\s*'([^']+)'|,\\s*\"([^\"]+)\")?");

  @Test
  void everyDocsReferenceInMainCodeNamesAnExistingSection() throws Exception {
    Path root = RepositoryFiles.root();
    List<String> problems = new ArrayList<String>();
    int sections = 0;
    for (Path source : RepositoryFiles.mainSources(root)) {
      String text = RepositoryFiles.read(source);
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        String where = root.relativize(source) + ": " + m.group();
        Path doc = root.resolve("docs").resolve(m.group(1));
        if (!Files.isRegularFile(doc)) {
          problems.add(where + " -> no such file");
          continue;
        }
        List<String> headings = RepositoryFiles.headings(RepositoryFiles.read(doc));
        String section = m.group(3) != null ? m.group(3) : m.group(4);
        if (section != null) {
          sections++;
          if (!headings.contains(section)) problems.add(where + " -> no heading '" + section + "'");
        }
        if (m.group(2) != null) {
          sections++;
          boolean found = RepositoryFiles.anchors(RepositoryFiles.read(doc)).contains(m.group(2));
          if (!found) problems.add(where + " -> no heading or anchor #" + m.group(2));
        }
      }
    }
    assertTrue(
        problems.isEmpty(),
        "references to docs that do not exist:\n" + String.join("\n", problems));
    // The key messages are among them: the scan did see main code.
    assertTrue(sections >= 1, "no docs/X.md section reference found in main code");
    assertTrue(SecretCipher.SEE_DOCS.matches(".*docs/install\\.md, '.+'.*"), SecretCipher.SEE_DOCS);
  }

  @Test
  void linksInAndBetweenDocsLeadToFilesAndHeadingsThatExist() throws Exception {
    Path root = RepositoryFiles.root();
    // [text](file.md), [text](file.md#anchor) or, within one doc, [text](#anchor).
    Pattern link =
        Pattern.compile("\\]\\(([\\w.-]+\\.md)?(?:#([\\w-]+))?\\)(?:,\\s*\"([^\"]+)\")?");
    List<String> problems = new ArrayList<String>();
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      for (Path doc : (Iterable<Path>) docs.filter(p -> p.toString().endsWith(".md"))::iterator) {
        Matcher m = link.matcher(RepositoryFiles.read(doc));
        while (m.find()) {
          if (m.group(1) == null && m.group(2) == null) continue; // not a link to a doc
          Path target = m.group(1) == null ? doc : doc.getParent().resolve(m.group(1));
          if (!Files.isRegularFile(target)) {
            problems.add(doc.getFileName() + ": " + m.group() + " -> no such file");
          } else if (m.group(2) != null
              && !RepositoryFiles.anchors(RepositoryFiles.read(target)).contains(m.group(2))) {
            problems.add(doc.getFileName() + ": " + m.group() + " -> no such heading");
          } else if (m.group(3) != null
              && !RepositoryFiles.headings(RepositoryFiles.read(target)).contains(m.group(3))) {
            problems.add(
                doc.getFileName() + ": " + m.group() + " -> no heading '" + m.group(3) + "'");
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
