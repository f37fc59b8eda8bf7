package dev.jstack.spec;

import java.util.Map;

/**
 * Every "how to fix it" line the loader prints, in one place, so that the advice stays consistent and can be
 * reviewed as a whole. Messages say what is wrong; these say what to do.
 */
final class Fixes {

    private Fixes() {
    }

    // files and YAML
    static final String NO_STACK_FILE = "run jstack in the project's directory, or name the file with -f";
    static final String FILE_NOT_FOUND = "check the path given with -f";
    static final String READABLE_FILE = "check the path and the file's permissions";
    static final String ENV_FILE = "check the path given with --env-file";
    static final String ENV_FILE_SYNTAX = "write one `KEY=VALUE` per line; quote values with spaces or `#`";
    static final String UTF8 = "save the file as UTF-8";
    static final String EMPTY_FILE = "add a `services:` mapping with at least one service";
    static final String TOP_LEVEL_MAPPING = "start the file with keys such as `name:` and `services:`";
    static final String YAML_SYNTAX = "correct the YAML here: check the indentation, a missing `:` or an unclosed quote";
    static final String YAML_CHARACTERS = "remove the control character, or write it as an escape in double quotes";
    static final String YAML_ALIASES = "write the values out instead of nesting aliases of aliases";
    static final String YAML_RECURSIVE_ALIAS = "an anchor cannot be used inside its own node: write the value out";
    static final String YAML_TAG = "remove the tag: jstack reads plain YAML 1.2 values";
    static final String KEY_NOT_STRING = "write the key as a plain string";
    static final String REQUIRED_VARIABLE = "set the variable in the environment or in .env";
    static final String INTERPOLATION_SYNTAX = "write `${NAME}`, `${NAME:-default}` or `${NAME:?message}`, and `$$` "
            + "for a literal `$`";

    static String unsetVariable(String name) {
        return "set " + name + ", or give a default: ${" + name + ":-default}";
    }
    static final String NO_SERVICES = "add a `services:` mapping with at least one service";
    static final String VERSION = "remove `version`: the format has no versions";

    // keys
    static final String REMOVE_OR_EXTENSION = "remove it, or name it `x-...` to keep it as an extension";
    static final String REMOVE = "remove it";

    static String duplicateKey(String key) {
        return "keep only one `" + key + "`";
    }

    static String didYouMean(String candidate) {
        return "did you mean `" + candidate + "`?";
    }

    private static final String BRIDGE = "jstack has no bridge networks yet: use network_mode: host, none or service:NAME";

    /** Advice for Compose keys of a service that jstack does not run yet; absent keys get {@link #REMOVE}. */
    private static final Map<String, String> SERVICE_KEYS = Map.ofEntries(
            Map.entry("build", "jstack does not build images: build elsewhere, `jstack image import` the result "
                    + "and name it with `image:`"),
            Map.entry("networks", BRIDGE),
            Map.entry("links", "share a namespace with network_mode: service:NAME and order with depends_on"),
            Map.entry("external_links", "share a namespace with network_mode: service:NAME"),
            Map.entry("mac_address", "jstack has no bridge networks yet, so there is no MAC address to set: remove it"),
            Map.entry("secrets", "mount the file read-only with `volumes:`"),
            Map.entry("configs", "mount the file read-only with `volumes:`"),
            Map.entry("deploy", "use `mem_limit`, `cpus`, `pids_limit` and `restart` instead"),
            Map.entry("ipc", "each container has its own IPC namespace: remove it"),
            Map.entry("pid", "each container has its own PID namespace: remove it"),
            Map.entry("logging", "jstack keeps each container's output itself (`jstack logs`): remove it"),
            Map.entry("platform", "jstack runs images of the host's platform: remove it"),
            Map.entry("pull_policy", "jstack never pulls: import images with `jstack image import` and remove it"),
            Map.entry("scale", "jstack runs one container per service: declare another service instead"),
            Map.entry("container_name", "jstack names containers <project>-<service>-1: remove it"),
            Map.entry("extends", "copy the settings, or put them in a second file given with -f"),
            Map.entry("format", "jstack reads env files in Compose's default format: remove it"));

    private static final Map<String, String> TOP_KEYS = Map.of(
            "networks", "jstack has no bridge networks yet: remove it and use network_mode: host, none or "
                    + "service:NAME in each service",
            "secrets", "mount the file read-only with a service's `volumes:`",
            "configs", "mount the file read-only with a service's `volumes:`",
            "include", "name every file with -f: later files override earlier ones");

    static String unsupportedServiceKey(String key) {
        return SERVICE_KEYS.getOrDefault(key, REMOVE);
    }

    static String unsupportedTopKey(String key) {
        return TOP_KEYS.getOrDefault(key, REMOVE);
    }

    // values
    static final String DURATION = "write a duration such as `10s`, `1m30s`, `500ms` or `1h`";
    static final String SIZE = "write a size such as `512m`, `1g`, `100k`, `1024b` or a number of bytes";
    static final String RESTART = "use one of: no, always, on-failure, on-failure:N, unless-stopped";
    static final String CONDITION = "use one of: service_started, service_healthy, service_completed_successfully";
    static final String HEALTHCHECK_TEST = "write `test: [\"CMD\", \"prog\", \"arg\"]`, `test: [\"CMD-SHELL\", "
            + "\"command\"]`, `test: [\"NONE\"]` or a string (run by the shell)";
    static final String ROOTFS_ONE = "set exactly one of `image:` (an imported image) or `rootfs:` (`host` or a "
            + "directory)";
    static final String SERVICE_NAME = "use letters, digits, `_`, `.` and `-`, starting with a letter or digit";
    static final String PROJECT_NAME = "use lower-case letters, digits, `_` and `-`, starting with a letter or digit";
    static final String PROJECT_NAME_FROM_DIR = "set `name:` in the file, JSTACK_PROJECT_NAME, or -p";
    static final String PROFILE_NAME = "use letters, digits, `_`, `.` and `-`, starting with a letter or digit";
    static final String QUOTES = "close the quote, or write the command as a list";
    static final String ABSOLUTE_TARGET = "write the path inside the container as an absolute path, such as `/data`";
    static final String WORKING_DIR = "write an absolute path, such as `/app`";
    static final String VOLUME_SHORT = "write `SOURCE:TARGET[:ro|rw]`, or use the long syntax with `type:`";
    static final String VOLUME_TYPE = "use type bind, volume or tmpfs";
    static final String VOLUME_MODE = "use `ro` or `rw`";
    static final String TMPFS_OPTION = "use `size=SIZE`, `mode=OCTAL`, `ro` or `rw`";
    static final String TMPFS_MODE = "write the mode as octal digits, such as `1777`";
    static final String HOME = "set HOME, or write the path without `~`";
    static final String PORT = "write `[IP:][PUBLISHED:]TARGET[/PROTOCOL]`, such as `8080:80` or `127.0.0.1:53:53/udp`";
    static final String PORT_PROTOCOL = "use tcp, udp or sctp";
    static final String PORT_MODE = "leave `mode` out, or use `mode: host`";
    static final String EXPOSE = "write a port such as `80`, `80/udp` or `8000-8010`";
    static final String EXTRA_HOST = "write `HOST:IP` or `HOST=IP`, such as `db.local:10.0.0.5`";
    static final String SIGNAL = "use a signal name such as SIGTERM, SIGINT, SIGQUIT or SIGKILL";
    static final String ULIMIT = "write a number, or `{soft: N, hard: N}` with soft not above hard";
    static final String CPUS = "write a positive number, such as `0.5` or `2`";
    static final String PIDS_LIMIT = "write a positive number, or -1 for no limit";
    static final String ENV_NAME = "write `KEY=VALUE` or `KEY`";
    static final String LABEL_NAME = "write `KEY=VALUE` or `KEY`";
    static final String ENV_FILE_MISSING = "create the file, correct the path, or mark it `required: false`";
    static final String NETWORK_MODE = "use network_mode: host, none, service:NAME or ns:PATH";
    static final String NETWORK_MODE_MISSING = "add `network_mode: host`, `none` or `service:NAME`: jstack has no "
            + "bridge networks yet";
    static final String BRIDGE_MODE = "use network_mode: host, none or service:NAME instead";
    static final String CONTAINER_MODE = "use network_mode: service:NAME to join another service's namespace";

    /** What a key's value may look like, and an example of it, for messages about a value of the wrong type. */
    record Shape(String expected, String example) {
    }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("environment", new Shape("a list of `KEY=VALUE` or a mapping",
                    "write `environment: {KEY: value}` or `environment: [KEY=value]`")),
            Map.entry("labels", new Shape("a list of `KEY=VALUE` or a mapping",
                    "write `labels: {com.example.role: db}` or `labels: [com.example.role=db]`")),
            Map.entry("extra_hosts", new Shape("a list of `HOST:IP` or a mapping", EXTRA_HOST)),
            Map.entry("cap_add", new Shape("a list of capability names", "write `cap_add: [NET_ADMIN]`")),
            Map.entry("cap_drop", new Shape("a list of capability names", "write `cap_drop: [NET_RAW]`")),
            Map.entry("dns", new Shape("a string or a list of strings", "write `dns: 10.0.0.2` or a list")),
            Map.entry("dns_search", new Shape("a string or a list of strings", "write `dns_search: example.com`"
                    + " or a list")),
            Map.entry("dns_opt", new Shape("a list of resolver options", "write `dns_opt: [ndots:2]`")),
            Map.entry("expose", new Shape("a list of ports", EXPOSE)),
            Map.entry("profiles", new Shape("a list of profile names", "write `profiles: [debug]`")),
            Map.entry("tmpfs", new Shape("a path or a list of paths", "write `tmpfs: /run` or "
                    + "`tmpfs: [/run, /tmp:size=64m]`")),
            Map.entry("ulimits", new Shape("a mapping of limits", "write `ulimits: {nofile: 1024}` or "
                    + "`ulimits: {nofile: {soft: 1024, hard: 2048}}`")),
            Map.entry("healthcheck", new Shape("a mapping", "write `healthcheck: {test: [\"CMD\", \"true\"], "
                    + "interval: 10s}`")),
            Map.entry("services", new Shape("a mapping of service names to services",
                    "write `services:` followed by each service's name and its keys")),
            Map.entry("command", new Shape("a string or a list", "write `command: [\"prog\", \"arg\"]` or "
                    + "`command: prog arg`")));

    private static final Shape TOP_VOLUMES = new Shape("a mapping of volume names",
            "write `volumes: {data: {}}`");

    /** The shape of the value at a dotted path, or null when there is nothing more specific to say. */
    static Shape shape(String path) {
        if (path.equals("volumes")) return TOP_VOLUMES;
        return SHAPES.get(path.substring(path.lastIndexOf('.') + 1));
    }

    static String write(String what) {
        return "write " + what;
    }

    static String volumeDeclared(String name) {
        return "declare it under the top-level `volumes:` (`volumes: {" + name + ": {}}`), or write a path "
                + "starting with `./`, `/` or `~` for a bind mount";
    }

    // references between services
    static String defineOrRemove(String what) {
        return "define it, or remove it from " + what;
    }

    static final String SELF_NETWORK = "a service cannot join its own namespace: use `host`, `none`, or another "
            + "service";
    static final String SELF_DEPENDS = "remove the service from its own depends_on";

    static String selectProfile(String service) {
        return "select one of the profiles of `" + service + "` with --profile or JSTACK_PROFILES";
    }

    static String moveToOwner(String key, String owner, NetworkMode ownerMode) {
        String base = "move `" + key + "` to service `" + owner + "`, which owns the network namespace";
        if (ownerMode instanceof NetworkMode.Host) return base + " (it is the host's: `" + owner
                + "` uses network_mode: host)";
        if (ownerMode instanceof NetworkMode.NamespacePath p) return base + " (it is the existing namespace at "
                + p.path() + ")";
        return base;
    }

    static String removeJoinerKey(String key) {
        return "remove `" + key + "`: it belongs to the service that owns the network namespace";
    }

    static final String PORTS_HOST = "remove `ports`: the service already listens on the host's ports";
    static final String PORTS_NONE = "remove `ports`, or use network_mode: host to listen on the host's ports";
}
