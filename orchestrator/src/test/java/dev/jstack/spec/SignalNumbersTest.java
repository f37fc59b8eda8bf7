package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jstack.runtime.Signals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every stop signal the loader accepts is one the runtime can number, so none reaches runc as a name it lacks. */
class SignalNumbersTest {

    @Test
    void everySignalTheLoaderAcceptsHasANumber() {
        List<String> accepted = new ArrayList<>();
        LifecycleReader.SIGNALS.forEach(name -> accepted.add("SIG" + name));
        accepted.add("SIGRTMIN");
        accepted.add("SIGRTMAX");
        for (int n = 1; n <= 15; n++) {
            accepted.add("SIGRTMIN+" + n);
            accepted.add("SIGRTMAX-" + n);
        }
        for (int n = 1; n <= 64; n++) {
            accepted.add(Integer.toString(n));
        }
        for (String signal : accepted) {
            assertTrue(Signals.number(signal).isPresent(), signal + " has no number");
        }
    }
}
