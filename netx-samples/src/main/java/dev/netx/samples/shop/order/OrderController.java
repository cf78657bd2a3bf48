package dev.netx.samples.shop.order;

import dev.netx.Result;
import dev.netx.SagaCall;
import dev.netx.SagaKeyConflictException;
import dev.netx.SagaKeys;
import dev.netx.SagaManager;
import dev.netx.SagaNotFoundException;
import dev.netx.SagaOutcome;
import dev.netx.SagaOutcomeUnknownException;
import dev.netx.SagaState;
import dev.netx.SagaTimeoutException;
import dev.netx.samples.shop.FaultHooks;
import dev.netx.samples.shop.OrderLine;
import dev.netx.samples.shop.OrderPlaced;
import dev.netx.samples.shop.Reason;
import dev.netx.samples.shop.ShopProperties;
import dev.netx.samples.shop.web.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /orders runs the order saga, orchestrated or choreographed; GET /orders shows orders. A POST
 * with an {@code Idempotency-Key} header is idempotent: sent again with the same key and body (a
 * client's retry after a timeout or a cut connection), it answers for the same order and its one
 * saga, and debits once; the same key with another body is refused with 422.
 */
@RestController
@ConditionalOnProperty(name = "shop.role", havingValue = "order")
public class OrderController {

    private final PlaceOrderVersions placeOrder;
    private final SagaManager sagas;
    private final Orders orders;
    private final Duration timeout;
    private final FaultHooks faults;

    public OrderController(PlaceOrderVersions placeOrder, SagaManager sagas, Orders orders,
            ShopProperties properties, FaultHooks faults) {
        this.placeOrder = placeOrder;
        this.sagas = sagas;
        this.orders = orders;
        this.timeout = properties.orderTimeout();
        this.faults = faults;
    }

    /** The body of POST /orders. */
    public record NewOrder(String customerId, String productId, Integer quantity, Long amount) {
    }

    /** The header that makes a POST /orders idempotent. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @PostMapping("/orders")
    public ResponseEntity<Map<String, Object>> place(@RequestBody NewOrder order,
            @RequestParam(defaultValue = "orchestration") String style,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        String sagaKey = sagaKey(idempotencyKey);
        OrderLine line = validate(order, sagaKey);
        try {
            return switch (style) {
                case "orchestration" -> orchestrated(line, sagaKey);
                case "choreography" -> choreographed(line, sagaKey);
                default -> throw new InvalidRequestException("style must be orchestration or choreography, was "
                        + style);
            };
        } catch (SagaKeyConflictException conflict) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("sagaId", conflict.sagaId());
            body.put("error", IDEMPOTENCY_KEY + " '" + idempotencyKey + "' was used for another order: a retry"
                    + " must send the same body and style, a new order needs a new key");
            return ResponseEntity.unprocessableEntity().body(body);
        }
    }

    /** The saga key of a request's idempotency key, {@code null} without one. */
    private static String sagaKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            return null;
        }
        if (idempotencyKey.isBlank()) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY + " must not be blank");
        }
        try {
            return SagaKeys.require("order:" + idempotencyKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(IDEMPOTENCY_KEY + " is invalid: " + e.getMessage());
        }
    }

    private ResponseEntity<Map<String, Object>> orchestrated(OrderLine line, String sagaKey) {
        SagaCall call = SagaCall.defaults().withTimeout(timeout);
        try {
            Result<OrderLine> result = placeOrder.current().sagaSync(line,
                    sagaKey == null ? call : call.withKey(sagaKey));
            faults.beforeAnswer(result.sagaId());
            return result.isSuccess() ? answer(HttpStatus.CREATED, line, result.sagaId(), null)
                    : answer(HttpStatus.CONFLICT, line, result.sagaId(), Reason.of(result.failure()));
        } catch (SagaTimeoutException pending) {
            return answer(HttpStatus.ACCEPTED, line, pending.sagaId(), null);
        } catch (SagaOutcomeUnknownException unknown) {
            // Redis did not answer in time: the saga may run; its order shows up when it does
            return answer(HttpStatus.ACCEPTED, line, unknownSagaId(unknown, sagaKey), null);
        } catch (SagaNotFoundException lost) {
            return lost(line, lost);
        }
    }

    private ResponseEntity<Map<String, Object>> choreographed(OrderLine line, String sagaKey) {
        String sagaId;
        try {
            sagaId = sagaKey == null ? sagas.startSync(new OrderPlaced(line))
                    : sagas.startSync(sagaKey, new OrderPlaced(line));
        } catch (SagaOutcomeUnknownException unknown) {
            return answer(HttpStatus.ACCEPTED, line, unknownSagaId(unknown, sagaKey), null);
        }
        try {
            SagaOutcome outcome = sagas.awaitOutcomeSync(sagaId, timeout);
            faults.beforeAnswer(sagaId);
            if (outcome.state() == SagaState.COMMITTED) {
                return answer(HttpStatus.CREATED, line, sagaId, null);
            }
            Reason reason = outcome.failure() != null ? Reason.of(outcome.failure()) : Reason.ofCause(outcome.cause());
            return answer(HttpStatus.CONFLICT, line, sagaId, reason);
        } catch (SagaTimeoutException pending) {
            return answer(HttpStatus.ACCEPTED, line, sagaId, null);
        } catch (SagaNotFoundException lost) {
            return lost(line, lost);
        }
    }

    /**
     * The saga id to answer when Redis did not confirm a start: the id this node drew, or none for a
     * keyed order, whose saga may be the one an earlier try of the key started (the order id, derived
     * from the key, names the order either way).
     */
    private static String unknownSagaId(SagaOutcomeUnknownException unknown, String sagaKey) {
        return sagaKey == null ? unknown.sagaId() : null;
    }

    /**
     * Redis took the saga, then lost its state while the caller waited (a failover to a replica that
     * never got it, a flushed database): nobody can tell how the order ends, and its row, if its
     * saga got to write it, stays PENDING for an operator. Not a 503: retrying could charge the
     * customer twice.
     */
    private static ResponseEntity<Map<String, Object>> lost(OrderLine line, SagaNotFoundException lost) {
        ResponseEntity<Map<String, Object>> answer =
                answer(HttpStatus.INTERNAL_SERVER_ERROR, line, lost.sagaId(), null);
        answer.getBody().put("error", "the order's saga " + lost.sagaId() + " was lost from Redis while it ran:"
                + " its outcome is unknown (payment or reservation may have happened); do not retry, the order,"
                + " if it was recorded, stays PENDING until an operator settles it");
        return answer;
    }

    @GetMapping("/orders/{orderId}")
    public ResponseEntity<OrderView> find(@PathVariable String orderId) {
        return ResponseEntity.of(orders.find(orderId));
    }

    @GetMapping("/orders")
    public List<OrderView> withStatus(@RequestParam OrderStatus status) {
        return orders.withStatus(status);
    }

    /** A valid order line; its id is drawn, or derived from the saga key so that a retry names the same order. */
    private static OrderLine validate(NewOrder order, String sagaKey) {
        if (order.customerId() == null || order.customerId().isBlank()) {
            throw new InvalidRequestException("customerId is required");
        }
        if (order.productId() == null || order.productId().isBlank()) {
            throw new InvalidRequestException("productId is required");
        }
        if (order.quantity() == null || order.quantity() < 1) {
            throw new InvalidRequestException("quantity must be at least 1");
        }
        if (order.amount() == null || order.amount() < 0) {
            throw new InvalidRequestException("amount must not be negative");
        }
        String orderId = sagaKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(sagaKey.getBytes(StandardCharsets.UTF_8)).toString();
        return new OrderLine(orderId, order.customerId(), order.productId(), order.quantity(), order.amount());
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, OrderLine line, String sagaId,
            Reason reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderId", line.orderId());
        if (sagaId != null) {
            body.put("sagaId", sagaId);
        }
        body.put("status", switch (status) {
            case CREATED -> "CONFIRMED";
            case CONFLICT -> "CANCELLED";
            case INTERNAL_SERVER_ERROR -> "UNKNOWN";
            default -> "PENDING";
        });
        if (reason != null) {
            body.put("reason", reason);
        }
        return ResponseEntity.status(status).body(body);
    }
}
