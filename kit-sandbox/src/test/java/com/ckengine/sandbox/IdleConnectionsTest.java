package com.ckengine.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox closes idle keep-alive connections as an API edge does, over raw sockets so that
 * nothing between the test and the sandbox hides what happens to the connection.
 */
class IdleConnectionsTest {
  static final Duration IDLE = Duration.ofMillis(600);

  KitSandbox sandbox;
  String secret;

  @BeforeEach
  void start() {
    sandbox = KitSandbox.builder().noRateLimit().idleConnectionTimeout(IDLE).build().start();
    secret = sandbox.createAccount("Acme", "owner@acme.test");
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), sandbox.port());
    socket.setSoTimeout(5000);
    return socket;
  }

  void sendAccountRequest(Socket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET /v3/account?api_secret=" + secret + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads one answer with a Content-Length body; returns its text. */
  static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) throw new IOException("end of stream after " + head.size() + " bytes");
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headers = head.toString("US-ASCII");
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = new byte[length];
    for (int off = 0; off < length; ) {
      int n = in.read(body, off, length - off);
      if (n < 0) throw new IOException("body cut short");
      off += n;
    }
    return headers + new String(body, StandardCharsets.UTF_8);
  }

  static boolean endOfStream(InputStream in) throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketException reset) {
      return true;
    }
  }

  @Test
  void keepAliveServesRequestsBackToBackOnOneConnection() throws Exception {
    try (Socket socket = connect()) {
      for (int i = 0; i < 3; i++) {
        sendAccountRequest(socket);
        assertTrue(readAnswer(socket.getInputStream()).startsWith("HTTP/1.1 200"));
        Thread.sleep(IDLE.toMillis() / 3);
      }
    }
    assertEquals(0, sandbox.idleConnectionsClosed());
  }

  @Test
  void anIdleConnectionIsClosedSilently() throws Exception {
    try (Socket socket = connect()) {
      sendAccountRequest(socket);
      assertTrue(readAnswer(socket.getInputStream()).startsWith("HTTP/1.1 200"));
      long answered = System.nanoTime();

      // No answer, no status: the next read just finds the end of the connection.
      assertTrue(endOfStream(socket.getInputStream()));
      long closedAfter = System.nanoTime() - answered;
      assertTrue(closedAfter >= IDLE.toNanos() * 9 / 10, "closed after " + closedAfter + " ns");
      assertTrue(closedAfter < IDLE.toNanos() * 3, "closed after " + closedAfter + " ns");
    }
    assertEquals(1, sandbox.idleConnectionsClosed());
  }

  @Test
  void aRequestOnAClosedConnectionNeverReachesTheSandbox() throws Exception {
    try (Socket socket = connect()) {
      sendAccountRequest(socket);
      readAnswer(socket.getInputStream());
      long before = sandbox.requestCount();
      Thread.sleep(IDLE.toMillis() * 2);

      try {
        sendAccountRequest(socket); // the write may still succeed: the peer's close is not known
      } catch (SocketException alreadyReset) {
        // also what a client can meet
      }
      assertTrue(endOfStream(socket.getInputStream()));
      assertEquals(before, sandbox.requestCount());
    }
  }

  @Test
  void aSlowAnswerIsNotIdleness() throws Exception {
    sandbox.delayResponses(IDLE.multipliedBy(2));
    try (Socket socket = connect()) {
      sendAccountRequest(socket);
      assertTrue(readAnswer(socket.getInputStream()).startsWith("HTTP/1.1 200"));
    }
    assertEquals(0, sandbox.idleConnectionsClosed());
  }

  @Test
  void withoutTheOptionConnectionsStayOpenPastTheTimeout() throws Exception {
    try (KitSandbox plain = KitSandbox.builder().noRateLimit().build().start()) {
      String s = plain.createAccount("Plain", "p@example.com");
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), plain.port())) {
        socket.setSoTimeout(5000);
        String request = "GET /v3/account?api_secret=" + s + " HTTP/1.1\r\nHost: x\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        readAnswer(socket.getInputStream());
        Thread.sleep(IDLE.toMillis() * 2);
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        assertTrue(readAnswer(socket.getInputStream()).startsWith("HTTP/1.1 200"));
      }
    }
  }
}
