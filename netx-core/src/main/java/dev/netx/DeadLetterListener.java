package dev.netx;

/** Told on the node that dead-lettered a message, after it was moved; must not block for long. */
@FunctionalInterface
public interface DeadLetterListener {

    /** Called once per dead-lettered message. Exceptions are logged and ignored. */
    void onDeadLetter(DeadLetter deadLetter);
}
