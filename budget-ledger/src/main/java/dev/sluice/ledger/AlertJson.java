package dev.sluice.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.schemas.avro.BudgetAlert;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of a webhook POST: the alert's fields in snake_case, in schema order. Money is an
 * integer count of micro-dollars ({@code limit_micros}, {@code spent_micros}), the threshold a
 * share of the limit ({@code 0.8}), times ISO-8601 instants in UTC.
 *
 * <pre>
 * {"alert_id":"acme-daily@2026-11-21T00:00:00Z:0.8","budget_id":"acme-daily","scope":"org:acme",
 *  "period":"day","period_start":"2026-11-21T00:00:00Z","period_end":"2026-11-22T00:00:00Z",
 *  "threshold":0.8,"limit_micros":10000000,"spent_micros":8000000,"entry_id":"req-7:1",
 *  "time":"2026-11-21T10:15:00Z"}
 * </pre>
 */
final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  static byte[] body(BudgetAlert alert) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("alert_id", alert.getAlertId());
    fields.put("budget_id", alert.getBudgetId());
    fields.put("scope", alert.getScope());
    fields.put("period", alert.getPeriod());
    fields.put("period_start", alert.getPeriodStart().toString());
    fields.put("period_end", alert.getPeriodEnd().toString());
    fields.put("threshold", alert.getThreshold());
    fields.put("limit_micros", alert.getLimitMicros());
    fields.put("spent_micros", alert.getSpentMicros());
    fields.put("entry_id", alert.getEntryId());
    fields.put("time", alert.getTime().toString());
    try {
      return JSON.writeValueAsBytes(fields);
    } catch (JsonProcessingException e) {
      // Strings and numbers only: writing them cannot fail.
      throw new IllegalStateException("cannot write alert " + alert.getAlertId() + " as JSON", e);
    }
  }
}
