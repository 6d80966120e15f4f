package continuum.scheduling;

import java.time.Duration;
import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scheduling settings, bound once at start from {@code continuum.scheduling.*}
 * ({@code CONTINUUM_SCHEDULING_ZONE}, ...): the zone of new schedules, how many days
 * ahead slots exist, how often the horizon is rolled forward, and how many bookable
 * resources the demo hospital has ({@code CONTINUUM_SCHEDULING_DEMO_RESOURCES}: 21 is the
 * standard set, more adds outpatient resources, as the benchmark does), and when a booked
 * appointment whose patient never arrived becomes a no-show ({@code no-show-after} its
 * end, looking back {@code no-show-look-back}).
 */
@Validated
@ConfigurationProperties("continuum.scheduling")
record SchedulingSettings(@DefaultValue("Europe/Brussels") ZoneId zone,
		@Min(1) @Max(730) @DefaultValue("92") int horizonDays, @DefaultValue("6h") Duration generationInterval,
		@Min(0) @Max(1000) @DefaultValue("21") int demoResources, @DefaultValue("6h") Duration noShowAfter,
		@DefaultValue("3d") Duration noShowLookBack) {
}
