package dev.jstack.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks across services: network_mode targets, joiners, ports, depends_on, and the implicit dependency. */
class ValidatorTest {

    @TempDir
    Path dir;
    LoaderFixture f;

    @BeforeEach
    void setUp() {
        f = new LoaderFixture(dir);
    }

    static String svc(String name, String mode, String... more) {
        StringBuilder sb = new StringBuilder("  " + name + ":\n    rootfs: host\n    network_mode: " + mode + "\n");
        for (String line : more) sb.append("    ").append(line).append('\n');
        return sb.toString();
    }

    @Test
    void aServiceTargetMustExistAndTheClosestNameIsSuggested() {
        assertEquals("""
                stack.yml:7:19: error: `services.web.network_mode` names service `prox`, which is not defined
                  fix: did you mean `service:proxy`?""",
                f.errorsOf("services:\n" + svc("proxy", "host") + svc("web", "service:prox")));
    }

    @Test
    void aTargetFarFromEveryNameGetsNoGuess() {
        assertEquals("""
                stack.yml:4:19: error: `services.web.network_mode` names service `database`, which is not defined
                  fix: define it, or remove it from network_mode""",
                f.errorsOf("services:\n" + svc("web", "service:database")));
    }

    @Test
    void aServiceCannotJoinItself() {
        assertEquals("""
                stack.yml:4:19: error: service `a` joins its own network namespace
                  fix: a service cannot join its own namespace: use `host`, `none`, or another service""",
                f.errorsOf("services:\n" + svc("a", "service:a")));
    }

    @Test
    void aTargetDisabledByItsProfilesIsNotThere() throws Exception {
        String yaml = "services:\n" + svc("debug", "none", "profiles: [debug]") + svc("tool", "service:debug");
        assertEquals("""
                stack.yml:8:19: error: `services.tool.network_mode` names service `debug`, which is not active (its profiles: debug)
                  fix: select one of the profiles of `debug` with --profile or JSTACK_PROFILES""", f.errorsOf(yaml));
        f.profiles.add("debug");
        assertEquals(new NetworkMode.ServiceRef("debug"), f.service("tool", "stack.yml").network().mode());
    }

    @Test
    void everyOwnerKeyOnAJoinerNamesTheRootOfTheChain() {
        String yaml = "services:\n" + svc("a", "none") + svc("b", "service:a") + svc("c", "service:b",
                "hostname: c", "domainname: example.com", "dns: 10.0.0.2", "dns_search: example.com",
                "dns_opt: [ndots:1]", "extra_hosts: [x:10.0.0.1]", "ports: [\"80\"]", "expose: [\"80\"]");
        StringBuilder expected = new StringBuilder();
        int line = 11;
        for (String key : List.of("hostname", "domainname", "dns", "dns_search", "dns_opt", "extra_hosts", "ports",
                "expose")) {
            if (expected.length() > 0) expected.append('\n');
            expected.append("stack.yml:").append(line++).append(":5: error: service `c` joins the network namespace"
                    + " of `b` and cannot set `").append(key).append("`\n  fix: move `").append(key)
                    .append("` to service `a`, which owns the network namespace");
        }
        assertEquals(expected.toString(), f.errorsOf(yaml));
    }

    @Test
    void aJoinerOfAnUndefinedServiceIsToldToRemoveTheKey() {
        assertEquals("""
                stack.yml:4:19: error: `services.c.network_mode` names service `gone`, which is not defined
                  fix: define it, or remove it from network_mode
                stack.yml:5:5: error: service `c` joins the network namespace of `gone` and cannot set `ports`
                  fix: remove `ports`: it belongs to the service that owns the network namespace""",
                f.errorsOf("services:\n" + svc("c", "service:gone", "ports: [\"80\"]")));
    }

    @Test
    void aChainEndingInANamespacePathSaysSo() {
        assertEquals("""
                stack.yml:8:5: error: service `b` joins the network namespace of `a` and cannot set `hostname`
                  fix: move `hostname` to service `a`, which owns the network namespace (it is the existing namespace at /run/netns/lab)""",
                f.errorsOf("services:\n" + svc("a", "ns:/run/netns/lab") + svc("b", "service:a", "hostname: b")));
    }

    @Test
    void portsWithHostAreAWarningAndWithNoneAnError() throws Exception {
        f.write("stack.yml", "services:\n" + svc("a", "host", "ports: [\"80:80\"]"));
        LoadResult result = f.load("stack.yml");
        assertEquals("""
                stack.yml:5:5: warning: service `a` uses network_mode: host, so its `ports` are not published
                  fix: remove `ports`: the service already listens on the host's ports""",
                result.warnings().get(0).toString());
        assertEquals(List.of("80:80/tcp"), result.stack().services().get("a").network().ports());
        assertEquals("""
                stack.yml:5:5: error: service `a` has `ports` but network_mode: none has no network to publish them on
                  fix: remove `ports`, or use network_mode: host to listen on the host's ports""",
                f.errorsOf("services:\n" + svc("a", "none", "ports: [\"80:80\"]")));
    }

    @Test
    void networkModesOtherThanTheFourAreRefused() {
        assertEquals("""
                stack.yml:4:19: error: `services.a.network_mode` `container:b` names a container
                  fix: use network_mode: service:NAME to join another service's namespace
                stack.yml:7:19: error: `services.b.network_mode` is `default`: jstack has no bridge networks yet
                  fix: use network_mode: host, none or service:NAME instead
                stack.yml:10:19: error: `services.c.network_mode` `ethernet` is not a network mode
                  fix: use network_mode: host, none, service:NAME or ns:PATH""",
                f.errorsOf("services:\n" + svc("a", "container:b") + svc("b", "default") + svc("c", "ethernet")));
    }

    @Test
    void dependsOnMustNameOtherDefinedActiveServices() {
        String yaml = "services:\n" + svc("a", "host", "depends_on: [a, b, ghost]")
                + svc("b", "host", "profiles: [extra]");
        assertEquals("""
                stack.yml:5:18: error: service `a` depends on itself
                  fix: remove the service from its own depends_on
                stack.yml:5:21: error: service `a` depends on `b`, which is not active (its profiles: extra)
                  fix: select one of the profiles of `b` with --profile or JSTACK_PROFILES
                stack.yml:5:24: error: service `a` depends on `ghost`, which is not defined
                  fix: define it, or remove it from depends_on""", f.errorsOf(yaml));
    }

    @Test
    void anOptionalDependencyOnAMissingServiceIsAWarningAndLeftOut() throws Exception {
        f.write("stack.yml", "services:\n" + svc("a", "host", "depends_on:", "  ghost: {required: false}"));
        LoadResult result = f.load("stack.yml");
        assertEquals(List.of("stack.yml:6:7: warning: service `a` depends on `ghost`, which is not defined; it is"
                + " optional (`required: false`) and skipped"), result.warnings().stream().map(Object::toString)
                .toList());
        assertEquals(Map.of(), result.stack().services().get("a").lifecycle().dependsOn());
    }

    @Test
    void networkModeServiceAddsADependencyThatAnExplicitOneRefines() throws Exception {
        f.write("stack.yml", "services:\n" + svc("a", "none") + svc("b", "service:a")
                + svc("c", "service:a", "depends_on:", "  a: {condition: service_healthy}", "  b: {restart: true}"));
        Stack stack = f.stack("stack.yml");
        assertEquals(Map.of("a", Dependency.started()), stack.services().get("b").lifecycle().dependsOn());
        assertEquals(Map.of("a", new Dependency(Dependency.Condition.SERVICE_HEALTHY, false, true),
                "b", new Dependency(Dependency.Condition.SERVICE_STARTED, true, true)),
                stack.services().get("c").lifecycle().dependsOn());
        assertEquals(Service.Network.class, stack.services().get("b").network().getClass());
        assertEquals(List.of(), stack.services().get("b").network().ports());
    }

    @Test
    void servicesNeedANetworkModeAndExactlyOneRootFileSystem() {
        assertEquals("""
                stack.yml:2:3: error: `services.a` has neither `image` nor `rootfs`
                  fix: set exactly one of `image:` (an imported image) or `rootfs:` (`host` or a directory)
                stack.yml:2:3: error: service `a` has no `network_mode`
                  fix: add `network_mode: host`, `none` or `service:NAME`: jstack has no bridge networks yet
                stack.yml:4:5: error: `services.b` sets both `image` and `rootfs`
                  fix: set exactly one of `image:` (an imported image) or `rootfs:` (`host` or a directory)""",
                f.errorsOf("services:\n  a: {}\n" + svc("b", "host", "image: x")));
    }
}
