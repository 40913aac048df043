package ai.aisetu.local;

import java.nio.file.Path;
import java.util.List;

/** The few HTML pages the local plane serves: the outbox and the checkout. */
final class Pages {
  private Pages() {}

  static String outbox(Path dir, List<Outbox.Message> messages) {
    StringBuilder rows = new StringBuilder();
    for (Outbox.Message m : messages) {
      rows.append("<tr><td>").append(escape(m.sentAt().toString())).append("</td><td>").append(escape(m.to()))
          .append("</td><td>").append(escape(m.subject())).append("</td><td><pre>").append(escape(m.body()))
          .append("</pre></td></tr>\n");
    }
    return page("Outbox", "<p>Messages the local control plane would have emailed, newest first. Folder: <code>"
        + escape(dir.toString()) + "</code></p>\n<table border=\"1\" cellpadding=\"4\"><tr><th>Sent</th><th>To</th>"
        + "<th>Subject</th><th>Body</th></tr>\n" + rows + "</table>");
  }

  static String checkout(Billing.Checkout checkout) {
    Billing.TopUpIntent intent = checkout.intent();
    String details = "<p>Top-up <code>" + escape(intent.id()) + "</code>: <strong>" + dollars(intent.amountCents())
        + " " + escape(intent.currency()) + "</strong>. Status: <strong>" + escape(intent.status()) + "</strong>.</p>";
    if (!"PENDING".equals(intent.status())) return page("Checkout", details);
    return page("Checkout", details + "\n<form method=\"post\" action=\"/checkout/" + escape(intent.id()) + "\">"
        + "<input type=\"hidden\" name=\"token\" value=\"" + escape(checkout.formToken()) + "\">"
        + "<button type=\"submit\">Pay " + dollars(intent.amountCents()) + "</button></form>"
        + "\n<p>This is the local control plane: no card is charged.</p>");
  }

  static String message(String title, String text) {
    return page(title, "<p>" + escape(text) + "</p>");
  }

  static String dollars(long cents) {
    return String.format("$%d.%02d", cents / 100, cents % 100);
  }

  private static String page(String title, String body) {
    return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title)
        + " · AI Setu local</title></head><body>\n<h1>" + escape(title) + "</h1>\n" + body + "\n</body></html>\n";
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
