package continuum.platform;

import org.jspecify.annotations.Nullable;

/** The password of every demo account, or {@code null} when the demo hospital is off. */
public record DemoPassword(@Nullable String value) {
}
