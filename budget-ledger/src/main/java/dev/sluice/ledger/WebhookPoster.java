package dev.sluice.ledger;

import dev.sluice.schemas.avro.BudgetAlert;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts one alert to one webhook, signed, trying again with backoff ({@link WebhookSettings}) until
 * it is answered with a 2xx or the attempts are used up. Used by one thread at a time; {@link #stop()}
 * may be called from any thread and ends a backoff wait or a POST in flight at once.
 */
final class WebhookPoster {
  /** The alert's id: the same on every delivery of the same alert, so receivers can drop repeats. */
  static final String ALERT_ID_HEADER = "X-Sluice-Alert-Id";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Logger log = LoggerFactory.getLogger(WebhookPoster.class);

  enum Outcome {
    /** A 2xx answer. */
    DELIVERED,
    /** Every attempt failed; the alert is not posted again. */
    GAVE_UP,
    /** {@link #stop()} was called first: neither delivered nor given up. */
    STOPPED
  }

  private final OkHttpClient http;
  private final WebhookSettings settings;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private volatile Call inFlight;

  /** @param http the service's one client; each POST is bounded by its call timeout */
  WebhookPoster(OkHttpClient http, WebhookSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  /** A client for webhook POSTs: its call timeout bounds each attempt, and only this class retries. */
  static OkHttpClient newHttpClient(WebhookSettings settings) {
    return new OkHttpClient.Builder()
        .callTimeout(settings.callTimeout())
        // Each attempt is counted against maxAttempts and logged: no silent transport-level retry.
        .retryOnConnectionFailure(false)
        .build();
  }

  Outcome deliver(BudgetAlert alert, WebhookTarget target) {
    byte[] body = AlertJson.body(alert);
    Request request = new Request.Builder()
        .url(target.url())
        .header(ALERT_ID_HEADER, alert.getAlertId())
        .header(WebhookSignature.HEADER, WebhookSignature.sign(body, target.secret()))
        .post(RequestBody.create(body, JSON))
        .build();
    String failure = null;
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1 && waitOrStop(settings.backoffAfter(attempt - 1))) {
        return Outcome.STOPPED;
      }
      failure = postOnce(request);
      if (failure == null) {
        log.info("alert {} delivered to the webhook of budget {} (attempt {})", alert.getAlertId(),
            target.budgetId(), attempt);
        return Outcome.DELIVERED;
      }
      if (stopping.getCount() == 0) {
        return Outcome.STOPPED;
      }
      log.warn("alert {} to the webhook of budget {}: attempt {} of {} failed: {}", alert.getAlertId(),
          target.budgetId(), attempt, settings.maxAttempts(), failure);
    }
    log.error("gave up on alert {} to the webhook of budget {} after {} attempts; last failure: {}",
        alert.getAlertId(), target.budgetId(), settings.maxAttempts(), failure);
    return Outcome.GAVE_UP;
  }

  /** Ends a backoff wait or a POST in flight; later deliveries return {@link Outcome#STOPPED}. */
  void stop() {
    stopping.countDown();
    Call call = inFlight;
    if (call != null) {
      call.cancel();
    }
  }

  /** @return null when answered with a 2xx, else what went wrong */
  private String postOnce(Request request) {
    Call call = http.newCall(request);
    inFlight = call;
    // stop() may have run before inFlight was set: it could not cancel this call, so do it here.
    if (stopping.getCount() == 0) {
      call.cancel();
    }
    try (Response response = call.execute()) {
      return response.isSuccessful() ? null : "HTTP " + response.code();
    } catch (IOException e) {
      return e.toString();
    } finally {
      inFlight = null;
    }
  }

  /** @return true if stopped while waiting */
  private boolean waitOrStop(Duration backoff) {
    try {
      return stopping.await(backoff.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
