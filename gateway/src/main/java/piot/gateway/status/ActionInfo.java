package piot.gateway.status;

import java.util.List;
import java.util.Objects;

/**
 * An action a thing accepts, described so the page can draw buttons for it.
 *
 * @param name       action name, e.g. {@code set}
 * @param takesValue whether the action needs a value
 * @param choices    suggested values (one button each, e.g. {@code on}, {@code off}); empty with
 *                   {@code takesValue} means a free value (the page shows an input)
 */
public record ActionInfo(String name, boolean takesValue, List<String> choices) {
    public ActionInfo {
        Objects.requireNonNull(name, "name");
        choices = List.copyOf(choices);
    }
}
