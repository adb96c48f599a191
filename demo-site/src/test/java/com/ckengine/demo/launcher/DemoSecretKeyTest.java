package com.ckengine.demo.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSecretKeyTest {
  @TempDir Path data;

  @Test
  void aKeyIsMadeOnceKeptOwnerOnlyAndReadBack() throws Exception {
    File file = DemoSecretKey.loadOrCreate(data.toFile());
    String key = DemoSecretKey.key(file);
    assertEquals(32, Base64.getDecoder().decode(key).length);
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath())));
    assertEquals(file, DemoSecretKey.loadOrCreate(data.toFile()));
    assertEquals(key, DemoSecretKey.key(file));
  }

  @Test
  void theBareKeyOfAnEarlierDemoMovesIntoTheOverrideFile() throws Exception {
    String earlier = Base64.getEncoder().encodeToString(new byte[32]);
    Files.write(
        data.resolve(DemoSecretKey.OLD_FILE_NAME), earlier.getBytes(StandardCharsets.US_ASCII));
    File file = DemoSecretKey.loadOrCreate(data.toFile());
    assertEquals(earlier, DemoSecretKey.key(file));
    assertFalse(Files.exists(data.resolve(DemoSecretKey.OLD_FILE_NAME)));
  }

  @Test
  void broadleafIsPointedAtTheFileWithoutTakingASitesOwnOverride() throws Exception {
    File file = DemoSecretKey.loadOrCreate(data.toFile());
    Properties system = new Properties();
    DemoSecretKey.useAsPropertyOverride(system, file);
    assertEquals(file.getAbsolutePath(), system.getProperty("property-override"));

    Properties withOwn = new Properties();
    withOwn.setProperty("property-override", "/etc/store/runtime.properties");
    DemoSecretKey.useAsPropertyOverride(withOwn, file);
    assertEquals("/etc/store/runtime.properties", withOwn.getProperty("property-override"));
    assertEquals(file.getAbsolutePath(), withOwn.getProperty("property-shared-override"));
    assertTrue(file.getAbsolutePath().startsWith(data.toString()));
  }
}
