package piot.gateway.router;

import java.util.regex.Pattern;

/** The syntax of names on the wire, shared with the config format. */
final class Names {
    /** Node names, thing ids, keys and action names: as in the config, usable as MQTT topic levels. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    /** Request and call ids: chosen by the requester, opaque to everyone else. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");
    static final int MAX_TEXT = 1024;

    private Names() {}

    static boolean isName(String s) {
        return s != null && NAME.matcher(s).matches();
    }

    /** Null when {@code s} is a valid name, else why not. */
    static String checkName(String what, String s) {
        if (isName(s)) {
            return null;
        }
        return what + " '" + clip(s) + "' is not a name: expected [a-z][a-z0-9_-]{0,31}";
    }

    static String clip(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
