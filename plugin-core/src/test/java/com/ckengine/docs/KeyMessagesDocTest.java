package com.ckengine.docs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ckengine.engine.SecretCipher;
import com.ckengine.engine.SecretCipher.SecretKeyException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every message of the one key exception ends by sending the reader to docs/install.md, "Encryption
 * key", and starts as a row of that section's table says it does.
 */
class KeyMessagesDocTest {
  /** A table row's first cell: {@code | `message start` | meaning |}. */
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

  @Test
  void everyKeyMessagePointsAtTheGuideAndStartsAsItsTableSays() {
    List<Pattern> documented = documentedStarts();
    assertTrue(documented.size() >= 6, "the guide's key messages: " + documented);

    SecretCipher right = SecretCipher.fromBase64Key(SecretCipher.generateKey());
    SecretCipher other = SecretCipher.fromBase64Key(SecretCipher.generateKey());
    String stored = right.encrypt("secret-value");
    char[] tampered = stored.toCharArray();
    int i = tampered.length - 5;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';

    List<String> messages = new ArrayList<String>();
    messages.add(thrown(() -> SecretCipher.fromBase64Key(null)));
    messages.add(thrown(() -> SecretCipher.fromBase64Key("%%%")));
    messages.add(
        thrown(() -> SecretCipher.fromBase64Key(Base64.getEncoder().encodeToString(new byte[16]))));
    messages.add(thrown(() -> other.decrypt(stored)));
    messages.add(thrown(() -> right.decrypt("not-encrypted")));
    messages.add(thrown(() -> right.decrypt(new String(tampered))));

    for (String message : messages) {
      assertTrue(
          message.endsWith(SecretCipher.SEE_DOCS), "does not end with the pointer: " + message);
      boolean found = false;
      for (Pattern start : documented) found |= start.matcher(message).lookingAt();
      assertTrue(found, "no row of docs/install.md, 'Encryption key' starts like: " + message);
    }
  }

  private static String thrown(Executable call) {
    return assertThrows(SecretKeyException.class, call).getMessage();
  }

  /** The table's message starts as patterns: "..." is any text, kXXXXXXXX a key id, N a number. */
  private static List<Pattern> documentedStarts() {
    String section =
        RepositoryFiles.section(
            RepositoryFiles.read(RepositoryFiles.root().resolve("docs/install.md")),
            "Encryption key");
    List<Pattern> out = new ArrayList<Pattern>();
    Matcher m = ROW.matcher(section);
    while (m.find()) {
      String regex = Pattern.quote(m.group(1));
      regex = regex.replace("...", "\\E.*\\Q");
      regex = regex.replaceAll("k[XY]{8}", "\\\\E\\k[0-9a-f]{8}\\\\Q");
      regex = regex.replace(" N ", "\\E \\d+ \\Q");
      out.add(Pattern.compile(regex));
    }
    return out;
  }
}
