package continuum.fhir;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * FHIR API limits ({@code continuum.fhir.*}); {@code maximumBundleEntries} caps the
 * entries of a batch or transaction Bundle (413 beyond it).
 */
@Validated
@ConfigurationProperties("continuum.fhir")
record FhirSettings(@Min(1) @Max(1000) @DefaultValue("20") int defaultPageSize,
		@Min(1) @Max(5000) @DefaultValue("500") int maximumPageSize, @DefaultValue("1MB") DataSize maximumRequestSize,
		@Min(1) @Max(10000) @DefaultValue("500") int maximumBundleEntries) {
}
