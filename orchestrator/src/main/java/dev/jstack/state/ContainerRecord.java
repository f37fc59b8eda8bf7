package dev.jstack.state;

import java.util.SortedMap;

/**
 * What jstack recorded when it created one container: which service it runs, the hash of the configuration it
 * was created from (with the hash of each part, so a plan can say what changed), the network mode as written,
 * the network namespace it joined ({@code null} for the host's) and the namespace owner whose /etc files it uses.
 */
public record ContainerRecord(String service, String container, String configHash,
                              SortedMap<String, String> partHashes, String networkMode, String netns,
                              String owner) {
}
