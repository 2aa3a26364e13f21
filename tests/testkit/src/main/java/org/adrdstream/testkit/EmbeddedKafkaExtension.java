package org.adrdstream.testkit;

import org.adrdstream.embedded.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that shares one real embedded KRaft broker among all tests of a JVM.
 *
 * <p>The broker starts on first use and stops when the test run ends (it lives in the root context's
 * store, which closes it). Tests receive it as a parameter of type {@link EmbeddedKafkaBroker} — in
 * {@code @BeforeAll}, constructors or test methods — and keep out of each other's way by using topic names
 * from {@link TestTopics}.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedKafkaExtension.class)
 * class RoundTripTest {
 *     @Test
 *     void recordsComeBack(EmbeddedKafkaBroker kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return sharedBroker(context);
    }

    /** The broker shared by this JVM's tests, started on first call. */
    public static EmbeddedKafkaBroker sharedBroker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(SharedBroker.class, key -> new SharedBroker(), SharedBroker.class)
                .broker();
    }

    /** Holder the root store closes at the end of the run. */
    private static final class SharedBroker implements AutoCloseable {
        private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().build().start();

        EmbeddedKafkaBroker broker() {
            return broker;
        }

        @Override
        public void close() {
            broker.closeAndDelete();
        }
    }
}
