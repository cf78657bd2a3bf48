package dev.netx.samples.shop.web;

/** A request the shop refuses with 400 Bad Request. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
