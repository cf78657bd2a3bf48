package dev.netx.internal.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stack frames as the text {@code declaringClass.method(File:line)} and back. */
final class StackFrames {

    /** The number of top frames kept per exception. */
    static final int MAX_FRAMES = 12;

    /** Longer text is not a frame this codec wrote, so it is not parsed. */
    private static final int MAX_FRAME_LENGTH = 4096;
    private static final String NATIVE = "Native Method";
    private static final String UNKNOWN = "Unknown Source";
    private static final Pattern FRAME = Pattern.compile("([^\\s(]+)\\.([^\\s.(]+)\\(([^()]*)\\)");

    private StackFrames() {
    }

    /** The top {@link #MAX_FRAMES} frames as text; module and class loader names are left out. */
    static List<String> format(StackTraceElement[] trace) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; trace != null && i < trace.length && i < MAX_FRAMES; i++) {
            StackTraceElement frame = trace[i];
            if (frame != null) {
                frames.add(frame.getClassName() + "." + frame.getMethodName() + "(" + location(frame) + ")");
            }
        }
        return frames;
    }

    /** The frames that parse, in order; others are skipped. */
    static StackTraceElement[] parse(List<String> frames) {
        List<StackTraceElement> parsed = new ArrayList<>();
        for (String text : frames) {
            Matcher matcher = FRAME.matcher(text);
            if (text.length() <= MAX_FRAME_LENGTH && matcher.matches()) {
                parsed.add(element(matcher.group(1), matcher.group(2), matcher.group(3)));
            }
        }
        return parsed.toArray(new StackTraceElement[0]);
    }

    private static String location(StackTraceElement frame) {
        if (frame.isNativeMethod()) {
            return NATIVE;
        }
        String file = frame.getFileName() == null ? UNKNOWN : frame.getFileName();
        return frame.getLineNumber() >= 0 ? file + ":" + frame.getLineNumber() : file;
    }

    private static StackTraceElement element(String declaringClass, String method, String location) {
        if (location.equals(NATIVE)) {
            return new StackTraceElement(declaringClass, method, null, -2);
        }
        if (location.equals(UNKNOWN) || location.isEmpty()) {
            return new StackTraceElement(declaringClass, method, null, -1);
        }
        int colon = location.lastIndexOf(':');
        if (colon > 0) {
            try {
                int line = Integer.parseInt(location.substring(colon + 1));
                return new StackTraceElement(declaringClass, method, location.substring(0, colon), line);
            } catch (NumberFormatException notALine) {
                // "File:notanumber": keep it all as the file name
            }
        }
        return new StackTraceElement(declaringClass, method, location, -1);
    }
}
