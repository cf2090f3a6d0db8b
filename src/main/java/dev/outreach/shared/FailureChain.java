package dev.outreach.shared;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A failure with its causes and, for Jakarta Mail's MessagingException, its next exceptions
 * (per-address failures), in order and without repeats: where SMTP and IMAP errors are read to
 * tell what exactly went wrong.
 */
public final class FailureChain {

    private FailureChain() {
    }

    public static List<Throwable> of(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        collect(failure, chain);
        return chain;
    }

    /** The first throwable of the chain of the given type. */
    public static <T> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static void collect(Throwable t, List<Throwable> chain) {
        while (t != null && !chain.contains(t) && chain.size() < 20) {
            chain.add(t);
            if (t instanceof MessagingException m && m.getNextException() != null) {
                collect(m.getNextException(), chain);
            }
            t = t.getCause();
        }
    }
}
