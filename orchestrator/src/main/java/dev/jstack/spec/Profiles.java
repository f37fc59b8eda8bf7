package dev.jstack.spec;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which services are active: a service without {@code profiles} always is; one with profiles only when one of
 * them is selected ({@code --profile}, plus the comma-separated JSTACK_PROFILES); {@code *} selects all.
 */
final class Profiles {

    static final String ENV = "JSTACK_PROFILES";

    private Profiles() {
    }

    static Set<String> selected(LoadOptions options, Environment env) {
        Set<String> selected = new TreeSet<>();
        if (options.profiles() != null) selected.addAll(options.profiles());
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            for (String p : fromEnv.split(",")) {
                if (!p.isBlank()) selected.add(p.strip());
            }
        }
        return selected;
    }

    static Set<String> active(Map<String, Service> services, Set<String> selected) {
        Set<String> active = new TreeSet<>();
        for (Service s : services.values()) {
            if (s.profiles().isEmpty() || selected.contains("*")
                    || s.profiles().stream().anyMatch(selected::contains)) {
                active.add(s.name());
            }
        }
        return active;
    }
}
