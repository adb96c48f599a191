package com.ckengine.sandbox;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP front for the sandbox's HTTP server that closes keep-alive connections idle for longer than
 * a bound, without a word, as load balancers and CDNs in front of real APIs do. A client that then
 * reuses such a connection meets what it would meet in production: the request goes out on a socket
 * the server already closed, and the answer is an end of stream.
 *
 * <p>A connection is idle once the server has answered everything the client sent; a request
 * waiting for its answer (an injected delay, say) keeps it open however long that takes. Bytes that
 * arrive after the edge decided to close are dropped, never forwarded, so a request that meets a
 * closed connection never reaches the sandbox, as with a real edge.
 *
 * <p>One upstream connection per client connection and two copying threads each: plenty for tests
 * and a demo, not a server for load.
 */
final class IdleEdge implements Closeable {
  private final ServerSocket listener;
  private final InetSocketAddress upstream;
  private final long idleNanos;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads;
  private final ScheduledExecutorService reaper;
  final AtomicLong closedIdle = new AtomicLong();

  IdleEdge(InetAddress address, int port, InetSocketAddress upstream, long idleNanos) {
    this.upstream = upstream;
    this.idleNanos = idleNanos;
    try {
      listener = new ServerSocket(port, 128, address);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on port " + port, e);
    }
    final AtomicInteger count = new AtomicInteger();
    threads =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "kit-sandbox-edge-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    reaper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kit-sandbox-edge-reaper");
              t.setDaemon(true);
              return t;
            });
    // A tenth of the bound: connections close between 1.0 and 1.1 times it after going idle.
    long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), idleNanos / 10);
    reaper.scheduleWithFixedDelay(this::closeIdle, tick, tick, TimeUnit.NANOSECONDS);
    threads.execute(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // Closing anyway.
    }
    reaper.shutdownNow();
    for (Link link : links) link.close();
    threads.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      try {
        Socket server = new Socket();
        server.connect(upstream);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        Link link = new Link(client, server);
        links.add(link);
        threads.execute(() -> link.pump(true));
        threads.execute(() -> link.pump(false));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void closeIdle() {
    long now = System.nanoTime();
    for (Link link : links) link.closeIfIdle(now);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing to do.
    }
  }

  /** One client connection and its upstream twin. Guarded by itself. */
  private final class Link {
    final Socket client;
    final Socket server;
    private long lastRequestByte;
    private long lastAnswerByte;
    private boolean closed;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
      this.lastRequestByte = this.lastAnswerByte = System.nanoTime();
    }

    /** Copies one direction until either side ends; then both sides end. */
    void pump(boolean request) {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = (request ? client : server).getInputStream();
        OutputStream out = (request ? server : client).getOutputStream();
        for (int n; (n = in.read(buffer)) > 0; ) {
          if (request) {
            // Marked before forwarding, so the answer is always later than its request.
            synchronized (this) {
              if (closed) return;
              lastRequestByte = System.nanoTime();
            }
            out.write(buffer, 0, n);
          } else {
            out.write(buffer, 0, n);
            synchronized (this) {
              lastAnswerByte = System.nanoTime();
            }
          }
        }
      } catch (SocketException closed) {
        // The other pump or the reaper closed the link.
      } catch (IOException e) {
        // A peer went away; end the link.
      } finally {
        close();
      }
    }

    void closeIfIdle(long now) {
      synchronized (this) {
        if (closed) return;
        boolean answered = lastAnswerByte - lastRequestByte >= 0;
        if (!answered || now - Math.max(lastAnswerByte, lastRequestByte) < idleNanos) return;
        closed = true;
      }
      // Counted before the close, so whoever sees the connection end sees it counted.
      closedIdle.incrementAndGet();
      // Silently: a plain close, no HTTP answer, as an edge ends a connection it finds idle.
      closeQuietly(client);
      closeQuietly(server);
      links.remove(this);
    }

    void close() {
      synchronized (this) {
        closed = true;
      }
      closeQuietly(client);
      closeQuietly(server);
      links.remove(this);
    }
  }
}
