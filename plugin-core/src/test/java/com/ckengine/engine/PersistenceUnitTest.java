package com.ckengine.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The persistence unit the host merges, {@code persistence-ckengine.xml}, lists exactly the
 * engine's entities: none missing, none left over.
 */
class PersistenceUnitTest {
  @Test
  void persistenceXmlListsExactlyTheEngineEntities() throws Exception {
    String xml =
        new String(
            java.nio.file.Files.readAllBytes(
                java.nio.file.Paths.get("src/main/resources/META-INF/persistence-ckengine.xml")),
            java.nio.charset.StandardCharsets.UTF_8);
    java.util.Set<String> listed = new java.util.TreeSet<String>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("<class>([^<]+)</class>").matcher(xml);
    while (m.find()) listed.add(m.group(1).trim());
    java.util.Set<String> entities = new java.util.TreeSet<String>();
    for (Class<?> c : com.ckengine.engine.store.EngineEntities.CLASSES) entities.add(c.getName());
    assertEquals(entities, listed);
  }
}
