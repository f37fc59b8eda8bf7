package dev.jstack.spec;

import java.util.SortedMap;

/** A top-level {@code volumes:} entry: a named volume kept under /var/lib/jstack/volumes. */
public record VolumeDef(String name, SortedMap<String, String> labels) {
}
