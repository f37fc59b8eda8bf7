package dev.jstack.runtime.image;

import java.util.regex.Pattern;

/**
 * A name and tag as users write them, {@code NAME[:TAG]}, the tag {@code latest} when none is given. A colon after
 * the last slash starts the tag, so {@code localhost:5000/app} is a name without a tag, as Docker reads it.
 */
public record ImageReference(String name, String tag) {
    public static final String DEFAULT_TAG = "latest";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(?:[._-]+[a-z0-9]+|:[0-9]+)*"
            + "(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    public ImageReference {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid image name `" + name + "`: use lower-case letters, digits,"
                    + " '.', '_', '-' and '/' between parts, e.g. `app` or `example.org/team/app`");
        }
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("invalid image tag `" + tag + "`: use up to 128 letters, digits,"
                    + " '_', '.' and '-', not starting with '.' or '-'");
        }
    }

    /** Parses {@code NAME[:TAG]}; a digest ({@code @sha256:...}) is not a tag and is refused. */
    public static ImageReference parse(String text) {
        if (text.contains("@")) {
            throw new IllegalArgumentException("invalid image reference `" + text
                    + "`: jstack names images by NAME[:TAG], not by digest");
        }
        int colon = text.lastIndexOf(':');
        if (colon > text.lastIndexOf('/')) {
            return new ImageReference(text.substring(0, colon), text.substring(colon + 1));
        }
        return new ImageReference(text, DEFAULT_TAG);
    }

    @Override
    public String toString() {
        return name + ":" + tag;
    }
}
