package continuum.lab;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A result as an analyzer (or its middleware) reports it: for the test {@code testCode}
 * of the item with placer number {@code placerNumber} (ORC-2/OBR-2) on specimen
 * {@code accession} (SPM-2); the value as sent in OBX-5 with its unit (OBX-6, checked
 * against the catalogue's), status (OBX-11), observation time (OBX-14), method (OBX-17)
 * and the analyzer's name (MSH-3).
 */
public record ResultReport(String accession, @Nullable String placerNumber, String testCode, String value,
		@Nullable String unit, ResultStatus status, Instant observedAt, @Nullable String method, String analyzer) {
}
