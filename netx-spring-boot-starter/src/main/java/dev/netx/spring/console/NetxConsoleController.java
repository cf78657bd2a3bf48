package dev.netx.spring.console;

import dev.netx.DeadLetter;
import dev.netx.Netx;
import dev.netx.NetxStatus;
import dev.netx.RemoteSagaException;
import dev.netx.SagaDetails;
import dev.netx.SagaState;
import dev.netx.SagaSummary;
import dev.netx.spring.NetxConsoleRedactor;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The Netx console: one page and the JSON it reads, on the management port under
 * {@code <management base path>/netx-console}. Read-only unless actions are allowed
 * ({@code management.endpoint.netx.access=unrestricted}); every action needs the page's token in
 * {@value #TOKEN_HEADER} (a page of another site can neither read the token nor send the header),
 * and Spring Security's own CSRF token when it guards the management port; each action is logged
 * with who did it.
 */
@Controller
@RequestMapping("${management.endpoints.web.base-path:/actuator}/netx-console")
@ResponseBody
public class NetxConsoleController {

    /** The header that carries the page's token on every action. */
    public static final String TOKEN_HEADER = "X-Netx-Console-Token";
    /** The longest a request waits for Redis. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(NetxConsoleController.class);
    private static final int MOST = 500;
    /** Spring Security's CSRF token type, also the name of the request attribute that holds it. */
    private static final String CSRF_TOKEN_TYPE = "org.springframework.security.web.csrf.CsrfToken";
    private static final int ACTIVITY_MINUTES = 15;

    private final Netx netx;
    private final NetxConsoleRedactor redactor;
    private final boolean actionsAllowed;
    private final String token;
    private final String page;

    /** The console of the given node; {@code actionsAllowed} lets it relay and delete dead letters. */
    public NetxConsoleController(Netx netx, NetxConsoleRedactor redactor, boolean actionsAllowed) {
        this.netx = netx;
        this.redactor = redactor;
        this.actionsAllowed = actionsAllowed;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
        try (InputStream in = NetxConsoleController.class.getResourceAsStream("console.html")) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the console page is missing from the starter's jar", e);
        }
    }

    /** The page. */
    @GetMapping(path = {"", "/"}, produces = MediaType.TEXT_HTML_VALUE)
    public String page(HttpServletRequest request) {
        String[] csrf = csrf(request);
        return page.replace("{{token}}", token).replace("{{actions}}", Boolean.toString(actionsAllowed))
                .replace("{{csrfHeader}}", html(csrf[0])).replace("{{csrfToken}}", html(csrf[1]))
                .replace("{{group}}", html(netx.options().group())).replace("{{namespace}}",
                        html(netx.options().namespace()));
    }

    /**
     * Spring Security's CSRF header name and token for this request, when it guards the port; two empty
     * strings otherwise. Read through Spring Security's public {@code CsrfToken} interface: the object
     * in the request is of a private class, whose methods cannot be called through its own class.
     */
    private static String[] csrf(HttpServletRequest request) {
        Object csrf = request.getAttribute(CSRF_TOKEN_TYPE);
        if (csrf == null) {
            return new String[] {"", ""};
        }
        try {
            Class<?> type = Class.forName(CSRF_TOKEN_TYPE, false, csrf.getClass().getClassLoader());
            return new String[] {String.valueOf(type.getMethod("getHeaderName").invoke(csrf)),
                String.valueOf(type.getMethod("getToken").invoke(csrf))};
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Spring Security's CSRF token could not be read, the console's actions will be refused: {}",
                    e.toString());
            return new String[] {"", ""};
        }
    }

    /**
     * The node, every group of the namespace with its live nodes and backlog by shard, the groups this
     * node's orchestrators call, the saga counts, the dead letters by group, and the namespace's activity
     * over the last {@value #ACTIVITY_MINUTES} minutes as Redis keeps it (so the chart starts full).
     */
    @GetMapping(path = "/api/overview", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> overview() {
        NetxStatus status = netx.status();
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("at", System.currentTimeMillis());
        overview.put("group", netx.options().group());
        overview.put("namespace", netx.options().namespace());
        overview.put("node", netx.options().nodeName());
        overview.put("status", status);
        overview.put("counts", await(netx.inspector().counts()));
        overview.put("groups", await(netx.inspector().groups()));
        overview.put("activity", await(netx.inspector().activity(Duration.ofMinutes(ACTIVITY_MINUTES))));
        List<DeadLetter> letters = status.running() ? await(netx.deadLetters().list(MOST)) : List.of();
        overview.put("deadLetters", letters.size());
        overview.put("deadLettersByGroup", letters.stream().collect(Collectors.groupingBy(DeadLetter::group,
                TreeMap::new, Collectors.counting())));
        overview.put("actions", actionsAllowed);
        return overview;
    }

    /**
     * Sagas: the one of an id or key {@code q}; else the last rolled back ({@code state=ROLLED_BACK}),
     * or those running for longer than {@code olderThanSeconds}, of {@code orchestrator} if given.
     */
    @GetMapping(path = "/api/sagas", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<SagaSummary> sagas(@RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String orchestrator,
            @RequestParam(required = false) @Nullable String state,
            @RequestParam(defaultValue = "0") long olderThanSeconds, @RequestParam(defaultValue = "100") int limit) {
        if (q != null && !q.isBlank()) {
            return find(q.strip()).map(saga -> List.of(saga.summary())).orElse(List.of());
        }
        String only = orchestrator == null || orchestrator.isBlank() ? null : orchestrator.strip();
        if (SagaState.ROLLED_BACK.name().equals(state)) {
            return await(netx.inspector().rolledBack(limit)).stream()
                    .filter(saga -> only == null || only.equals(saga.orchestrator())).toList();
        }
        return await(netx.inspector().running(Duration.ofSeconds(Math.max(0, olderThanSeconds)), only, limit))
                .stream().filter(saga -> state == null || state.isBlank() || saga.state().name().equals(state))
                .toList();
    }

    /** One saga with its timeline; 404 when Redis has no such saga. */
    @GetMapping(path = "/api/sagas/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> saga(@PathVariable String id) {
        return find(id).map(this::describe).map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    private Optional<SagaDetails> find(String idOrKey) {
        Optional<SagaDetails> byId = await(netx.inspector().saga(idOrKey));
        if (byId.isPresent()) {
            return byId;
        }
        return await(netx.sagaManager().findByKey(idOrKey)).flatMap(id -> await(netx.inspector().saga(id)));
    }

    private Map<String, Object> describe(SagaDetails saga) {
        String id = saga.summary().sagaId();
        Map<String, String> payloads = new LinkedHashMap<>();
        saga.payloads().forEach((name, payload) -> payloads.put(name, redactor.redact(id, name, payload)));
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("summary", saga.summary());
        described.put("version", saga.version());
        described.put("key", saga.key());
        described.put("cause", saga.cause());
        described.put("failure", causes(saga.failure()));
        described.put("payloads", payloads);
        described.put("compensations", saga.compensations());
        described.put("groups", saga.groups());
        described.put("timeline", saga.timeline());
        return described;
    }

    /** The cause chain of a failure: type, message and top frames of each. */
    private static List<Map<String, Object>> causes(@Nullable Throwable failure) {
        List<Map<String, Object>> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 8; t = t.getCause()) {
            Map<String, Object> cause = new LinkedHashMap<>();
            cause.put("type", t instanceof RemoteSagaException remote ? remote.remoteType() : t.getClass().getName());
            cause.put("message", t instanceof RemoteSagaException remote ? remote.remoteMessage() : t.getMessage());
            List<String> frames = new ArrayList<>();
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, 12); i++) {
                frames.add(trace[i].toString());
            }
            cause.put("frames", frames);
            chain.add(cause);
        }
        return chain;
    }

    /** The oldest dead letters, of one group if given, their payloads redacted. */
    @GetMapping(path = "/api/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<Map<String, Object>> deadLetters(@RequestParam(required = false) @Nullable String group,
            @RequestParam(defaultValue = "100") int limit) {
        int most = Math.max(1, Math.min(limit, MOST));
        List<Map<String, Object>> letters = new ArrayList<>();
        for (DeadLetter letter : await(group == null || group.isBlank() ? netx.deadLetters().list(most)
                : netx.deadLetters().list(group.strip(), most))) {
            Map<String, String> fields = new LinkedHashMap<>();
            letter.fields().forEach((name, value) -> fields.put(name, redactor.redact(letter.sagaId(), name, value)));
            Map<String, Object> described = new LinkedHashMap<>();
            described.put("id", letter.id());
            described.put("sagaId", letter.sagaId());
            described.put("group", letter.group());
            described.put("reason", letter.reason());
            described.put("deliveries", letter.deliveries());
            described.put("at", letter.deadAt());
            described.put("fields", fields);
            letters.add(described);
        }
        return letters;
    }

    /** Sends a dead letter back to the group that failed it (its id, {@code <shard>/<entry>}, as a parameter). */
    @PostMapping(path = "/api/dead-letter/relay", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> relay(@RequestParam String id,
            @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String sent, @Nullable Principal who) {
        return act(sent, who, "relayed", id, () -> await(netx.deadLetters().relay(id)) ? 1 : 0);
    }

    /** Deletes a dead letter for good. */
    @DeleteMapping(path = "/api/dead-letter", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> delete(@RequestParam String id,
            @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String sent, @Nullable Principal who) {
        return act(sent, who, "deleted", id, () -> await(netx.deadLetters().delete(id)) ? 1 : 0);
    }

    /** Relays the oldest dead letters, of one group if given, at most {@code limit}: after an outage. */
    @PostMapping(path = "/api/dead-letters/relay", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> relayAll(@RequestParam(required = false) @Nullable String group,
            @RequestParam(defaultValue = "100") int limit,
            @RequestHeader(name = TOKEN_HEADER, required = false) @Nullable String sent, @Nullable Principal who) {
        return act(sent, who, "relayed in a batch", group == null ? "all groups" : "group " + group, () -> {
            int most = Math.max(1, Math.min(limit, MOST));
            int relayed = 0;
            for (DeadLetter letter : await(group == null ? netx.deadLetters().list(most)
                    : netx.deadLetters().list(group, most))) {
                if (await(netx.deadLetters().relay(letter.id()))) {
                    relayed++;
                }
            }
            return relayed;
        });
    }

    private ResponseEntity<Map<String, Object>> act(@Nullable String sent, @Nullable Principal who, String action,
            String target, IntSupplier run) {
        if (!actionsAllowed) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error",
                    "the console is read-only: actions need management.endpoint.netx.access=unrestricted"));
        }
        if (!token.equals(sent)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error",
                    "missing or wrong " + TOKEN_HEADER + ": actions are sent from the console's page"));
        }
        int count = run.getAsInt();
        log.info("Netx console: {} {} dead letter(s) ({}) of namespace {}", who == null ? "anonymous" : who.getName(),
                action, target, netx.options().namespace() + ": " + count);
        return ResponseEntity.ok(Map.of("action", action, "target", target, "count", count));
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + TIMEOUT, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
