package dev.outreach.support;

import dev.outreach.channel.ChannelSender;
import dev.outreach.channel.Delivery;
import dev.outreach.channel.DeliveryResult;
import dev.outreach.shared.ChannelType;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Import it to wrap the real email sender with hooks, a test's way into the middle of a batch:
 * once when the dispatcher opens an email session (after the claim and the read-ahead, before
 * any send) and after each email the real sender delivered (a hook that throws is a crash
 * between the SMTP transaction and the stored outcome). Tests set them and {@link #reset} after.
 */
@TestConfiguration(proxyBeanMethods = false)
public class HookedEmailSender {

    /** Runs once, when the next email session opens. */
    public static final AtomicReference<Runnable> WHEN_A_SESSION_OPENS = new AtomicReference<>();
    /** Runs after every email the real sender delivered, with that delivery. */
    public static final AtomicReference<Consumer<Delivery>> AFTER_EACH_EMAIL = new AtomicReference<>(delivery -> { });

    public static void reset() {
        WHEN_A_SESSION_OPENS.set(null);
        AFTER_EACH_EMAIL.set(delivery -> { });
    }

    @Bean
    static BeanPostProcessor hookTheEmailSender() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof ChannelSender sender && sender.channel() == ChannelType.EMAIL) {
                    return new Hooked(sender);
                }
                return bean;
            }
        };
    }

    private record Hooked(ChannelSender real) implements ChannelSender {

        @Override
        public ChannelType channel() {
            return real.channel();
        }

        @Override
        public SenderSession openSession() {
            Runnable hook = WHEN_A_SESSION_OPENS.getAndSet(null);
            if (hook != null) {
                hook.run();
            }
            SenderSession session = real.openSession();
            return new SenderSession() {
                @Override
                public DeliveryResult deliver(Delivery delivery) {
                    DeliveryResult result = session.deliver(delivery);
                    AFTER_EACH_EMAIL.get().accept(delivery);
                    return result;
                }

                @Override
                public void close() {
                    session.close();
                }
            };
        }
    }
}
