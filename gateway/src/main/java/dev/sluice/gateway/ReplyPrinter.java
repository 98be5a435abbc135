package dev.sluice.gateway;

import dev.sluice.schemas.avro.Attempt;
import dev.sluice.schemas.avro.LlmReply;
import dev.sluice.schemas.avro.ReplyStatus;
import dev.sluice.schemas.money.MicroDollars;
import java.io.PrintStream;
import java.util.stream.Collectors;

/**
 * Prints a reply for a person. The content alone goes to {@code out}, so that
 * {@code sluice send ... > answer.txt} keeps just the answer; everything else goes to {@code err}.
 */
final class ReplyPrinter {
  private ReplyPrinter() {}

  static void print(LlmReply reply, long endToEndMs, PrintStream out, PrintStream err) {
    if (reply.getStatus() == ReplyStatus.ERROR) {
      err.println(line("error", reply.getError() == null
          ? "(no error details)" : reply.getError().getCode() + ": " + reply.getError().getMessage()));
      err.println(line("request", reply.getRequestId()));
    } else {
      out.println(reply.getContent() == null ? "" : reply.getContent());
      err.println();
      err.println(line("provider", orDash(reply.getProvider()) + " / " + orDash(reply.getModel())));
      String finish = orDash(reply.getFinishReason());
      err.println(line("finish", reply.getStatus() == ReplyStatus.TRUNCATED ? finish + " (truncated)" : finish));
      err.println(line("tokens", reply.getUsage() == null ? "-"
          : reply.getUsage().getInputTokens() + " in / " + reply.getUsage().getOutputTokens() + " out"));
      err.println(line("cost", MicroDollars.format(reply.getCostMicros())));
    }
    err.println(line("latency", endToEndMs + " ms end to end, " + reply.getLatencyMs() + " ms in the gateway"));
    err.println(line("attempts", attempts(reply)));
  }

  static String attempts(LlmReply reply) {
    if (reply.getAttempts().isEmpty()) {
      return "0 (answered by the gateway itself)";
    }
    return reply.getAttempts().size() + ": " + reply.getAttempts().stream()
        .map(ReplyPrinter::attempt)
        .collect(Collectors.joining(", "));
  }

  private static String attempt(Attempt a) {
    String status = a.getHttpStatus() == null ? "" : "HTTP " + a.getHttpStatus() + ", ";
    return a.getProvider() + "/" + a.getModel() + " " + a.getOutcome() + " (" + status + a.getLatencyMs() + " ms)";
  }

  private static String line(String label, String value) {
    return String.format("%-9s %s", label, value);
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }
}
