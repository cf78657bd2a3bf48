package dev.netx.samples.shop.inventory;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /products/{productId}: a product's stock. */
@RestController
@ConditionalOnProperty(name = "shop.role", havingValue = "inventory")
public class InventoryController {

    private final Stock stock;

    public InventoryController(Stock stock) {
        this.stock = stock;
    }

    @GetMapping("/products/{productId}")
    public ResponseEntity<Map<String, Object>> product(@PathVariable String productId) {
        return ResponseEntity.of(stock.stock(productId).map(units -> Map.of("productId", productId, "stock", units)));
    }
}
