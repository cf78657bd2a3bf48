package dev.netx.internal.codec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The packages whose exception classes a decoded envelope may name. An entry trusts its package and
 * every package below it: {@code com.shop} trusts {@code com.shop.X} and {@code com.shop.sub.Y}, not
 * {@code com.shopping.Z}. The JDK's {@code java.} packages are always trusted.
 */
final class TrustedPackages {

    private static final String JDK = "java";

    private final Set<String> packages;

    /**
     * Trusted packages from their names; a trailing {@code .} or {@code .*} is ignored.
     *
     * @throws IllegalArgumentException if an entry is not a package name
     */
    TrustedPackages(List<String> names) {
        Set<String> valid = new LinkedHashSet<>();
        valid.add(JDK);
        for (String name : names) {
            String trimmed = strip(name);
            if (!isQualifiedName(trimmed)) {
                throw new IllegalArgumentException("not a package name: " + name);
            }
            valid.add(trimmed);
        }
        this.packages = Set.copyOf(valid);
    }

    /** Whether the class name is a syntactically valid name in a trusted package. */
    boolean trusts(String className) {
        if (className == null || !isQualifiedName(className)) {
            return false;
        }
        int lastDot = className.lastIndexOf('.');
        if (lastDot < 0) {
            return false; // the default package is never trusted
        }
        String pkg = className.substring(0, lastDot);
        for (String trusted : packages) {
            if (pkg.equals(trusted) || pkg.startsWith(trusted + ".")) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String name) {
        if (name == null) {
            return "";
        }
        String trimmed = name.strip();
        if (trimmed.endsWith(".*")) {
            return trimmed.substring(0, trimmed.length() - 2);
        }
        return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** Dot-separated Java identifiers; {@code $} of nested classes is an identifier part. */
    private static boolean isQualifiedName(String name) {
        if (name.isEmpty() || name.length() > 1024) {
            return false;
        }
        boolean segmentStart = true;
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (c == '.') {
                if (segmentStart) {
                    return false;
                }
                segmentStart = true;
            } else if (Character.isIdentifierIgnorable(c)) {
                return false; // control characters pass isJavaIdentifierPart but name no class
            } else if (segmentStart ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c)) {
                segmentStart = false;
            } else {
                return false;
            }
            i += Character.charCount(c);
        }
        return !segmentStart;
    }
}
