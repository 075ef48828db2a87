package io.platinur.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A staging server on localhost (the JDK's HTTP server) answering every request with one status, or hanging. */
public final class StagingServer implements AutoCloseable {
  private final HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  /** The status every request is answered with. */
  public volatile int status = 200;
  /** Whether requests hang (until the server closes) instead of being answered. */
  public volatile boolean hang;

  public StagingServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      try {
        if (hang) {
          release.await(10, TimeUnit.SECONDS);
        }
        exchange.sendResponseHeaders(status, -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        exchange.close();
      }
    });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
