package dev.netx.samples.shop.web;

import dev.netx.RedisRefusedException;
import dev.netx.SagaRejectedException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The shop's error answers: {@code {"error": "..."}} with 400 for bad input, 429 with
 * {@code Retry-After} when Netx's admission control refuses a new order (Redis nearly full, or a
 * service too far behind), and 503 when Redis refuses.
 */
@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler({InvalidRequestException.class, MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class})
    ResponseEntity<Map<String, String>> invalid(Exception e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        return error(HttpStatus.BAD_REQUEST, "malformed or unknown JSON: " + cause.getMessage());
    }

    @ExceptionHandler(RedisRefusedException.class)
    ResponseEntity<Map<String, String>> redis(RedisRefusedException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(SagaRejectedException.class)
    ResponseEntity<Map<String, String>> rejected(SagaRejectedException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(Map.of("error", e.getMessage()));
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message == null ? status.getReasonPhrase() : message));
    }
}
