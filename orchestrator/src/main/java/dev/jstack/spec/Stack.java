package dev.jstack.spec;

import java.util.List;
import java.util.SortedMap;

/**
 * A loaded, valid stack: the project's name and directory, the files it came from, and its active
 * services (those whose profiles are selected), sorted by name.
 */
public record Stack(String name, String projectDir, List<String> files, SortedMap<String, Service> services,
                    SortedMap<String, VolumeDef> volumes, SortedMap<String, Object> extensions) {
}
