package dev.netx.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netx.SagaContext;
import dev.netx.Step;
import dev.netx.TypeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pin of a chain: the same for the same chain on every node, another for any change of its shape. */
class OrchestratorDefinitionTest {

    private static Step<String, String> local(String name) {
        return Step.<String, String>local(String.class, (String in, SagaContext c) -> in, (String in, SagaContext c) -> {
        }).named(name);
    }

    private static OrchestratorDefinition chain(int version, Step<?, ?>... steps) {
        return new OrchestratorDefinition("place", TypeRef.of(String.class), List.of(steps), null, version);
    }

    @Test
    void theSameChainBuiltTwiceHasThePinAndAnyChangeOfItsShapeAnother() {
        OrchestratorDefinition base = chain(1, local("note"), Step.remote("payment", "debit", String.class, "refund"));
        String pin = base.pin();

        assertThat(pin).startsWith("1:");
        assertThat(chain(1, local("note"), Step.remote("payment", "debit", String.class, "refund")).pin())
                .isEqualTo(pin);
        assertThat(chain(2, local("note"), Step.remote("payment", "debit", String.class, "refund")).pin())
                .startsWith("2:").isNotEqualTo("2:" + pin.substring(2));
        assertThat(List.of(
                chain(1, local("note"), Step.remote("payment", "debit", String.class, "refund-all")),
                chain(1, local("audit"), local("note"), Step.remote("payment", "debit", String.class, "refund")),
                chain(1, Step.remote("payment", "debit", String.class, "refund"), local("note")),
                chain(1, local("memo"), Step.remote("payment", "debit", String.class, "refund")),
                chain(1, local("note"), Step.remote("billing", "debit", String.class, "refund")),
                chain(1, Step.<String, String>local(String.class, (String in, SagaContext c) -> in).named("note"),
                        Step.remote("payment", "debit", String.class, "refund")))
                .stream().map(OrchestratorDefinition::pin)).doesNotContain(pin).doesNotHaveDuplicates();
    }

    @Test
    void stepsHaveDefaultNamesAndTwoStepsCannotBeGivenOne() {
        OrchestratorDefinition defaults = chain(1, Step.<String, String>local(String.class, (String in, SagaContext c) -> in),
                Step.remote("payment", "debit", String.class));
        assertThat(defaults.stepNames()).containsExactly("local-0", "payment.debit");
        // a chain that calls one handler twice, as chains did before steps had names, still builds
        assertThat(chain(1, Step.remote("payment", "debit", String.class), Step.remote("payment", "debit",
                String.class)).stepNames()).containsExactly("payment.debit", "payment.debit-2");
        assertThatThrownBy(() -> chain(1, local("note"), local("note")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two steps named 'note'");
        assertThatThrownBy(() -> local("no spaces")).isInstanceOf(IllegalArgumentException.class);
    }
}
