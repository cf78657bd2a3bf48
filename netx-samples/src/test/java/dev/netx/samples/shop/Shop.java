package dev.netx.samples.shop;

import java.io.IOException;
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

    record Answer(int status, JsonNode body) {
        String text(String field) {
            return body.path(field).asString();
        }
    }

    private final ShopProcess order;
    private final ShopProcess payment;
    private final ShopProcess inventory;

    Shop(ShopProcess order, ShopProcess payment, ShopProcess inventory) {
        this.order = order;
        this.payment = payment;
        this.inventory = inventory;
    }

    Answer placeOrder(String style, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(order.url("/orders?style=" + style))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    Answer placeRaw(String json) {
        return send(HttpRequest.newBuilder(order.url("/orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Answer order(String orderId) {
        return get(order, "/orders/" + orderId);
    }

    List<JsonNode> orders(String status) {
        return get(order, "/orders?status=" + status).body().valueStream().toList();
    }

    long balance(String customerId) {
        return get(payment, "/accounts/" + customerId).body().path("balance").asLong();
    }

    long stock(String productId) {
        return get(inventory, "/products/" + productId).body().path("stock").asLong();
    }

    Answer get(ShopProcess process, String path) {
        return send(HttpRequest.newBuilder(process.url(path)).GET().build());
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
