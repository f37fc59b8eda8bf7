package dev.jstack.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to load: the {@code -f} files (empty: look for stack.yml, compose.yaml, compose.yml,
 * docker-compose.yml in {@code workingDir}), {@code -p}, {@code --env-file} (empty: {@code .env} in the project
 * directory if present), the process environment, and the selected profiles ({@code --profile}; the loader adds
 * JSTACK_PROFILES from {@code environment}).
 */
public record LoadOptions(List<Path> files, Path workingDir, String projectName, List<Path> envFiles,
                          Map<String, String> environment, Set<String> profiles) {
}
