package dev.netx.samples.shop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The shop's HTTP API, as a test client sees it. */
final class Shop {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        String text(String field) {
            return body.path(field).asString();
        }
    }

    private final ShopProcess order;
    private final ShopProcess payment;
    private final ShopProcess inventory;

    /** The shop of three processes, one per role. */
    Shop(ShopProcess order, ShopProcess payment, ShopProcess inventory) {
        this.order = order;
        this.payment = payment;
        this.inventory = inventory;
    }

    /** The shop of one process that runs the three roles. */
    Shop(ShopProcess all) {
        this(all, all, all);
    }

    Answer placeOrder(String style, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(order.url(ShopRole.ORDER, "/orders?style=" + style))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    /** POST /orders with an {@code Idempotency-Key} header. */
    Answer placeOrder(String style, Map<String, Object> body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(order.url(ShopRole.ORDER, "/orders?style=" + style))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Answer placeRaw(String json) {
        return send(HttpRequest.newBuilder(order.url(ShopRole.ORDER, "/orders"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer order(String orderId) {
        return get(order.url(ShopRole.ORDER, "/orders/" + orderId));
    }

    List<JsonNode> orders(String status) {
        return get(order.url(ShopRole.ORDER, "/orders?status=" + status)).body().valueStream().toList();
    }

    long balance(String customerId) {
        return get(payment.url(ShopRole.PAYMENT, "/accounts/" + customerId)).body().path("balance").asLong();
    }

    long stock(String productId) {
        return get(inventory.url(ShopRole.INVENTORY, "/products/" + productId)).body().path("stock").asLong();
    }

    /** GET a path of a single-role process. */
    Answer get(ShopProcess process, String path) {
        return get(process.url(path));
    }

    private static Answer get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
