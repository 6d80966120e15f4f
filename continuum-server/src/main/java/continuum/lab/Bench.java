package continuum.lab;

import org.jspecify.annotations.Nullable;

/**
 * A bench of the laboratory and the analyzer on it (its HL7 application name, MSH-3), or
 * none for a manual bench.
 */
public record Bench(String code, String name, @Nullable String analyzer) {
}
