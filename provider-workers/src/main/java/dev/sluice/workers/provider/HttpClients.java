package dev.sluice.workers.provider;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The process's one {@link OkHttpClient} and its per-endpoint variants. Variants made with
 * {@link #forEndpoint} share its connection pool and dispatcher, as OkHttp recommends.
 */
public final class HttpClients {

  /** Workers keep many provider calls in flight; OkHttp's defaults (64 total, 5 per host) would queue them. */
  static final int MAX_CONCURRENT_CALLS = 512;

  private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private HttpClients() {}

  /** The shared client, made on first use. */
  public static OkHttpClient shared() {
    return Holder.SHARED;
  }

  /** A variant of {@code shared} whose whole call, connecting included, is bounded by {@code timeout}. */
  public static OkHttpClient forEndpoint(OkHttpClient shared, Duration timeout) {
    Duration connect = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
    return shared.newBuilder()
        .callTimeout(timeout)
        // Read and write timeouts would arm OkHttp's watchdog on every socket operation (about a
        // tenth of a worker's HTTP CPU in profiles); the call timeout already bounds them.
        .readTimeout(Duration.ZERO)
        .writeTimeout(Duration.ZERO)
        .connectTimeout(connect)
        .build();
  }

  static OkHttpClient newSharedClient() {
    Dispatcher dispatcher = new Dispatcher(daemonExecutor());
    dispatcher.setMaxRequests(MAX_CONCURRENT_CALLS);
    dispatcher.setMaxRequestsPerHost(MAX_CONCURRENT_CALLS);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        // Keeps enough warm connections for the calls in flight, so bursts skip TCP and TLS set-up.
        .connectionPool(new ConnectionPool(MAX_CONCURRENT_CALLS, 5, TimeUnit.MINUTES))
        // A POST costs money: a silent transport-level retry would call the provider twice
        // behind the resilience layer's back, so retries are left to it alone.
        .retryOnConnectionFailure(false)
        .build();
  }

  // OkHttp's own dispatcher threads are non-daemon and would hold a finished CLI open for a minute.
  private static ExecutorService daemonExecutor() {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "sluice-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
  }

  private static final class Holder {
    static final OkHttpClient SHARED = newSharedClient();
  }
}
