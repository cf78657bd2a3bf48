package dev.netx.samples.shop.payment;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GET /accounts/{customerId}: a customer's balance. */
@RestController
@ConditionalOnProperty(name = "shop.role", havingValue = "payment")
public class PaymentController {

    private final Accounts accounts;

    public PaymentController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/accounts/{customerId}")
    public ResponseEntity<Map<String, Object>> account(@PathVariable String customerId) {
        return ResponseEntity.of(accounts.balance(customerId)
                .map(balance -> Map.of("customerId", customerId, "balance", balance)));
    }
}
