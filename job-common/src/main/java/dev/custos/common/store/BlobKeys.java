package dev.custos.common.store;

/**
 * The rule every store applies to keys, so that a key means the same object in a local
 * directory and in a bucket and can never reach outside the store: a key is a relative path of
 * non-empty {@code /}-separated segments, none of them {@code .} or {@code ..}, without {@code \}.
 */
final class BlobKeys {

    private BlobKeys() {
    }

    /** Returns the key when it is valid, otherwise throws {@link IllegalArgumentException}. */
    static String requireValidKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("blob key must not be empty");
        }
        requireRelativePath(key, "blob key");
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException(
                        "blob key '" + key + "' has an empty segment (leading, trailing or double '/')");
            }
            requireNotDotSegment(key, segment, "blob key");
        }
        return key;
    }

    /**
     * Returns the listing prefix when it is valid: empty (everything) or a key's beginning, which
     * may end in {@code /} or in part of a segment; otherwise throws {@link IllegalArgumentException}.
     */
    static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("blob prefix must not be null; use \"\" to list everything");
        }
        requireRelativePath(prefix, "blob prefix");
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            boolean last = i == segments.length - 1;
            if (segments[i].isEmpty() && !last && !prefix.isEmpty()) {
                throw new IllegalArgumentException("blob prefix '" + prefix + "' has an empty segment (double '/')");
            }
            requireNotDotSegment(prefix, segments[i], "blob prefix");
        }
        return prefix;
    }

    private static void requireRelativePath(String path, String what) {
        if (path.startsWith("/")) {
            throw new IllegalArgumentException(what + " '" + path + "' must be relative, not start with '/'");
        }
        if (path.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(what + " '" + path + "' must separate segments with '/', not '\\'");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " must not contain a NUL character");
        }
    }

    private static void requireNotDotSegment(String path, String segment, String what) {
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException(what + " '" + path + "' must not contain a '" + segment + "' segment");
        }
    }
}
