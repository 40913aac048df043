package ai.aisetu.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loopback HTTP surface: {@code POST /graphql}, the outbox ({@code /outbox},
 * {@code /outbox.json}) and the checkout pages ({@code /checkout/<intentId>}).
 *
 * <p>A request whose root fields are not all public needs a valid PAT, else HTTP 401 with an
 * {@code UNAUTHENTICATED} error; everything the API itself refuses is HTTP 200 with {@code errors[]}.
 */
final class HttpFront extends Handler.Abstract {
  private static final Logger log = LoggerFactory.getLogger(HttpFront.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final ControlPlaneGraphQL graphQL;
  private final Pats pats;
  private final Billing billing;
  private final Outbox outbox;

  HttpFront(ControlPlaneGraphQL graphQL, Pats pats, Billing billing, Outbox outbox) {
    this.graphQL = graphQL;
    this.pats = pats;
    this.billing = billing;
    this.outbox = outbox;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      if (path.equals("/graphql")) {
        if (!method.equals("POST")) {
          send(response, callback, 405, "application/json", error("use POST /graphql with a JSON body", "BAD_USER_INPUT"));
        } else {
          graphql(request, response, callback);
        }
      } else if (path.equals("/outbox.json") && method.equals("GET")) {
        send(response, callback, 200, "application/json", JSON.writeValueAsString(outbox.recent(50)
            .stream().map(HttpFront::message).toList()));
      } else if (path.equals("/outbox") && method.equals("GET")) {
        send(response, callback, 200, "text/html; charset=utf-8", Pages.outbox(outbox.dir(), outbox.recent(50)));
      } else if (path.startsWith("/checkout/") && method.equals("GET")) {
        Optional<Billing.Checkout> checkout = billing.checkout(path.substring("/checkout/".length()));
        send(response, callback, checkout.isPresent() ? 200 : 404, "text/html; charset=utf-8",
            checkout.map(Pages::checkout).orElse(Pages.message("No such top-up", "This checkout link is unknown.")));
      } else if (path.startsWith("/checkout/") && method.equals("POST")) {
        pay(path.substring("/checkout/".length()), request, response, callback);
      } else {
        send(response, callback, 404, "text/plain; charset=utf-8", "not found: try POST /graphql, GET /outbox\n");
      }
    } catch (Exception e) {
      log.warn("request failed: {}", e.getClass().getName(), e);
      send(response, callback, 500, "application/json", error("internal error on the local control plane; see its log", "INTERNAL"));
    }
    return true;
  }

  private void graphql(Request request, Response response, Callback callback) throws Exception {
    long length = request.getLength();
    if (length > MAX_BODY_BYTES) {
      send(response, callback, 413, "application/json", error("the request body is over 1 MiB", "BAD_USER_INPUT"));
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(Content.Source.asString(request, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      body = null;
    }
    if (body == null || !body.isObject() || !body.path("query").isTextual()) {
      send(response, callback, 400, "application/json",
          error("the body must be JSON: {\"query\": \"…\", \"variables\": {…}, \"operationName\": \"…\"}", "BAD_USER_INPUT"));
      return;
    }
    String query = body.get("query").asText();
    String operationName = body.path("operationName").isTextual() ? body.get("operationName").asText() : null;
    @SuppressWarnings("unchecked")
    Map<String, Object> variables = body.path("variables").isObject() ? JSON.convertValue(body.get("variables"), Map.class) : null;
    Caller caller = null;
    if (!isPublic(query, operationName)) {
      try {
        caller = pats.authenticate(request.getHeaders().get(HttpHeader.AUTHORIZATION));
      } catch (ApiException e) {
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        send(response, callback, 401, "application/json", error(e.getMessage(), e.code().name()));
        return;
      }
    }
    send(response, callback, 200, "application/json",
        JSON.writeValueAsString(graphQL.execute(query, operationName, variables, caller)));
  }

  private void pay(String intentId, Request request, Response response, Callback callback) throws Exception {
    String token = null;
    for (String pair : Content.Source.asString(request, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("token")) {
        token = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    Billing.Payment payment = billing.pay(intentId, token);
    int status;
    String page;
    switch (payment) {
      case PAID:
      case ALREADY_PAID:
        status = 200;
        page = Pages.message("Payment complete", "The top-up succeeded and the credit balance was credited.");
        break;
      case FORGED:
        status = 403;
        page = Pages.message("Payment refused", "This payment form is not valid. Open the checkout link again.");
        break;
      case NOT_PAYABLE:
        status = 409;
        page = Pages.message("Payment refused", "This top-up can no longer be paid. Start a new one.");
        break;
      default:
        status = 404;
        page = Pages.message("No such top-up", "This checkout link is unknown.");
    }
    send(response, callback, status, "text/html; charset=utf-8", page);
  }

  /** True when every root field of the chosen operation works without a token. */
  static boolean isPublic(String query, String operationName) {
    Document document;
    try {
      document = Parser.parse(query);
    } catch (RuntimeException e) {
      return false;
    }
    Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
    OperationDefinition operation = null;
    int operations = 0;
    for (Definition<?> definition : document.getDefinitions()) {
      if (definition instanceof FragmentDefinition) {
        FragmentDefinition fragment = (FragmentDefinition) definition;
        fragments.put(fragment.getName(), fragment);
      } else if (definition instanceof OperationDefinition) {
        OperationDefinition candidate = (OperationDefinition) definition;
        operations++;
        if (operationName == null || operationName.equals(candidate.getName())) operation = candidate;
      }
    }
    if (operation == null || (operationName == null && operations > 1)) return false;
    Set<String> fields = new HashSet<>();
    rootFields(operation.getSelectionSet(), fragments, fields, 0);
    return !fields.isEmpty() && ControlPlaneGraphQL.PUBLIC_FIELDS.containsAll(fields);
  }

  private static void rootFields(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> out, int depth) {
    if (set == null || depth > 10) return;
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof Field) {
        out.add(((Field) selection).getName());
      } else if (selection instanceof InlineFragment) {
        rootFields(((InlineFragment) selection).getSelectionSet(), fragments, out, depth + 1);
      } else if (selection instanceof FragmentSpread) {
        FragmentDefinition fragment = fragments.get(((FragmentSpread) selection).getName());
        if (fragment == null) out.add("?");
        else rootFields(fragment.getSelectionSet(), fragments, out, depth + 1);
      }
    }
  }

  private static Map<String, Object> message(Outbox.Message m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("to", m.to());
    out.put("subject", m.subject());
    out.put("sentAt", m.sentAt().toString());
    out.put("body", m.body());
    out.put("file", m.file());
    return out;
  }

  static String error(String message, String code) {
    try {
      return JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message", message, "extensions", Map.of("code", code)))));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(Response response, Callback callback, int status, String contentType, String body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    Content.Sink.write(response, true, body, callback);
  }
}
